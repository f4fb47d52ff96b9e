package org.hiehub.query.timeline;

import org.hiehub.query.access.PatientAccess;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.query.access.AccessDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.projections.clinical.ImmunizationDoses;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.patient.PatientSummaries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A patient's timeline: the entries of every source record linked to the master patient (a retired one resolves
 * to its survivor), newest first, with keyset cursor paging. The view position reported is the lower of the
 * timeline's and the summary's, since the summary says which records are linked.
 */
@RestController
public class TimelineController {

    private final PatientSummaries summaries;
    private final TimelineQuery timeline;
    private final ViewFreshness freshness;
    private final PatientAccess access;

    public TimelineController(PatientSummaries summaries, TimelineQuery timeline, ViewFreshness freshness,
                              PatientAccess access) {
        this.summaries = summaries;
        this.access = access;
        this.timeline = timeline;
        this.freshness = freshness;
    }

    @GetMapping("/api/patients/{id}/timeline")
    public ResponseEntity<Page> timeline(@PathVariable String id, @RequestParam(required = false) String type,
                                         @RequestParam(required = false) String source,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(defaultValue = "50") int limit,
                                         @RequestParam(required = false) String cursor,
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(PatientSummaryProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        freshness.await(TimelineProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        long position = Math.min(freshness.currentPosition(TimelineProjection.GROUP),
                freshness.currentPosition(PatientSummaryProjection.GROUP));
        Document summary = resolve(id);
        List<String> types = type == null ? null : Arrays.stream(type.split(",")).map(String::trim).toList();
        AccessDecision decision = access.require(summary.getString("masterPatientId"));
        List<String> records = ClinicalSection.sourceRecordIds(summary);
        TimelineQuery.Page page = timeline.page(records,
                new TimelineQuery.Filter(types, source, start(from), end(to)), limit, cursor, decision::visible);
        List<Document> entries = withdrawnMarked(records, page.entries(), decision);
        AccessRecord.current().returned("TimelineEntry", entries.size());
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position))
                .body(new Page(summary.getString("masterPatientId"), position, entries, page.nextCursor()));
    }

    /**
     * A page's immunization doses that their sender withdrew later (or earlier: HL7 RXA-21 D, FHIR entered-in-error)
     * read as {@code entered-in-error}, as the FHIR facade has them ({@link ImmunizationDoses}). Only a page with an
     * immunization dose on it reads the records' immunizations to find the withdrawals.
     */
    private List<Document> withdrawnMarked(List<String> records, List<Document> entries, AccessDecision decision) {
        if (entries.stream().noneMatch(e -> ImmunizationDoses.TYPE.equals(e.getString("type"))
                && !ImmunizationDoses.withdrawal(e.getString("status")))) {
            return entries;
        }
        TimelineQuery.Filter immunizations = new TimelineQuery.Filter(List.of(ImmunizationDoses.TYPE), null, null,
                null);
        Map<String, List<Document>> withdrawals = ImmunizationDoses.withdrawalsByRecord(
                timeline.select(records, immunizations, decision::visible).stored());
        return entries.stream().map(e -> ImmunizationDoses.marked(e, withdrawals)).toList();
    }

    private Document resolve(String id) {
        return summaries.living(id).orElseThrow(() -> new UnknownPatient(id));
    }

    /** A date means the start of that day (UTC); otherwise an ISO instant. */
    static Instant start(String text) {
        return parse(text, false);
    }

    /** A date means up to the end of that day (inclusive); an instant is exclusive. */
    static Instant end(String text) {
        return parse(text, true);
    }

    private static Instant parse(String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from/to must be an ISO date (2026-01-31) or instant");
        }
    }

    @ExceptionHandler(UnknownPatient.class)
    ResponseEntity<ProblemDetail> unknown(UnknownPatient e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown patient");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    public record Page(String masterPatientId, long viewPosition, List<Document> entries, String nextCursor) {
    }

    static class UnknownPatient extends RuntimeException {
        UnknownPatient(String id) {
            super("no patient with id " + id);
        }
    }
}
