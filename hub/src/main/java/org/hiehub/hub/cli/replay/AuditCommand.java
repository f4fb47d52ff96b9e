package org.hiehub.hub.cli.replay;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hiehub.query.audit.AccessAuditLog;
import org.hiehub.query.audit.AuditEntry;
import org.hiehub.query.audit.AuditFormats;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/**
 * {@code replay audit}: the access-audit trail (who read which patient, when, why, with what outcome, and every
 * break-the-glass) straight from the audit table, as a table, CSV, NDJSON or FHIR AuditEvent Bundle; {@code
 * --verify} checks its hash chain. Exit code 1 when the chain is broken.
 */
@CommandLine.Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The access-audit trail: who read what, when, why; break-the-glass use. Exports CSV, NDJSON "
                + "or FHIR AuditEvent; --verify checks the audit's hash chain.")
public final class AuditCommand extends ReplaySubcommand {

    @CommandLine.Option(names = "--from", description = "from this instant or date (inclusive)")
    String from;
    @CommandLine.Option(names = "--to", description = "up to this instant or date (exclusive)")
    String to;
    @CommandLine.Option(names = "--actor", description = "one user")
    String actor;
    @CommandLine.Option(names = "--patient", description = "one master patient id")
    String patient;
    @CommandLine.Option(names = "--outcome", description = "allowed, restricted, break-the-glass, denied, failed")
    String outcome;
    @CommandLine.Option(names = "--format", defaultValue = "table", description = "table, csv, ndjson or fhir")
    String format;
    @CommandLine.Option(names = "--limit", defaultValue = "10000", description = "at most this many entries")
    int limit;
    @CommandLine.Option(names = "--out", description = "write to this file instead of standard output")
    Path outFile;
    @CommandLine.Option(names = "--verify", description = "verify the audit's hash chain instead of listing")
    boolean verify;

    @Override
    int run(ReplayContext hub, PrintWriter out, PrintWriter err) throws Exception {
        AccessAuditLog log = new AccessAuditLog(hub.bean(JdbcTemplate.class));
        if (verify) {
            AccessAuditLog.Verification report = log.verify();
            out.println(report.intact() ? "intact: " + report.checked() + " audit entries chained"
                    : "BROKEN at audit entry " + report.firstBroken() + " (" + report.checked() + " checked)");
            return report.intact() ? 0 : 1;
        }
        List<AuditEntry> entries = log.find(instant(from), instant(to), actor, patient, outcome, limit);
        String text = switch (format) {
            case "csv" -> formats(false).csv(entries);
            case "ndjson" -> formats(false).ndjson(entries);
            case "fhir" -> formats(true).auditEventBundle(entries);
            case "table" -> table(entries);
            default -> throw new IllegalArgumentException("--format is table, csv, ndjson or fhir");
        };
        if (outFile != null) {
            Files.writeString(outFile, text, StandardCharsets.UTF_8);
            err.printf("%d audit entries written to %s%n", entries.size(), outFile);
        } else {
            out.print(text);
        }
        return 0;
    }

    private static AuditFormats formats(boolean fhir) {
        return new AuditFormats(fhir ? FhirContext.forR4() : null);
    }

    private static String table(List<AuditEntry> entries) {
        StringBuilder table = new StringBuilder(String.format("%-6s %-24s %-16s %-16s %-15s %-6s %s%n", "SEQ", "AT",
                "ACTOR", "OUTCOME", "PURPOSE", "HTTP", "ACTION / PATIENTS / RETURNED"));
        for (AuditEntry e : entries) {
            table.append(String.format("%-6d %-24s %-16s %-16s %-15s %-6d %s | %s | %s%n", e.seq(), e.at(), e.actor(),
                    e.outcome(), e.purpose(), e.httpStatus(), e.action(), e.patients(), e.returned()));
        }
        return table.toString();
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--from/--to take an ISO date or instant: " + text);
        }
    }
}
