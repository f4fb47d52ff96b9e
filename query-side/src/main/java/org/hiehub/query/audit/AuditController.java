package org.hiehub.query.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access audit for auditors and privacy officers: search (JSON, CSV or NDJSON), FHIR AuditEvent export and
 * verification of the hash chain.
 */
@RestController
public class AuditController {

    private final AccessAuditLog log;
    private final AuditFormats formats;

    public AuditController(AccessAuditLog log, AuditFormats formats) {
        this.log = log;
        this.formats = formats;
    }

    @GetMapping("/api/audit")
    public ResponseEntity<String> search(@RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String actor,
                                         @RequestParam(required = false) String patient,
                                         @RequestParam(required = false) String outcome,
                                         @RequestParam(defaultValue = "1000") int limit,
                                         @RequestParam(defaultValue = "json") String format) {
        List<AuditEntry> entries = log.find(instant(from), instant(to), actor, patient, outcome, limit);
        return switch (format) {
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv")).body(formats.csv(entries));
            case "ndjson" -> ResponseEntity.ok().contentType(new MediaType("application", "x-ndjson"))
                    .body(formats.ndjson(entries));
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(formats.json(entries));
            default -> throw new IllegalArgumentException("format is json, csv or ndjson");
        };
    }

    /** The same entries as a FHIR R4 searchset Bundle of AuditEvent resources. */
    @GetMapping(value = "/api/audit/AuditEvent", produces = "application/fhir+json")
    public String auditEvents(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String actor,
                              @RequestParam(required = false) String patient,
                              @RequestParam(required = false) String outcome,
                              @RequestParam(defaultValue = "1000") int limit) {
        return formats.auditEventBundle(log.find(instant(from), instant(to), actor, patient, outcome, limit));
    }

    @GetMapping("/api/audit/verify")
    public AccessAuditLog.Verification verify() {
        return log.verify();
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from/to must be an ISO date or instant");
        }
    }
}
