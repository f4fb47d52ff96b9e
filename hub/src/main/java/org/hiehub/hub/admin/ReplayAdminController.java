package org.hiehub.hub.admin;

import java.util.HashSet;
import java.util.List;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.replay.asof.PointInTime;
import org.hiehub.replay.asof.PointInTimeSummaries;
import org.hiehub.replay.eventlog.Instants;
import org.hiehub.replay.history.HistoryEntry;
import org.hiehub.replay.history.HistoryQuery;
import org.hiehub.replay.history.PatientHistory;
import org.hiehub.replay.integrity.ChainVerification;
import org.hiehub.replay.integrity.EventHashChain;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's replay tools over HTTP, for the web console: a patient's history, its summary as of a point in
 * time, and the event log's integrity check. The same services as {@code hub replay history|as-of|verify}. They
 * read personal data, so each read names its patient in the access audit like any other patient read.
 */
@RestController
@RequestMapping("/api/admin/replay")
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
public class ReplayAdminController {

    private final PatientHistory history;
    private final PointInTimeSummaries pointInTime;
    private final EventHashChain chain;

    public ReplayAdminController(PatientHistory history, PointInTimeSummaries pointInTime, EventHashChain chain) {
        this.history = history;
        this.pointInTime = pointInTime;
        this.chain = chain;
    }

    /** Every event of the master patient and its linked source records, in log order. */
    @GetMapping("/history")
    public History history(@RequestParam String patient, @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(name = "type", required = false) List<String> types) {
        HistoryQuery query = new HistoryQuery(patient, Instants.parse(from), Instants.parse(to),
                types == null ? null : new HashSet<>(types));
        List<HistoryEntry> events = history.of(query);
        AccessRecord.current().touched(patient);
        AccessRecord.current().returned("events", events.size());
        return new History(patient, events);
    }

    @GetMapping("/as-of")
    public PointInTime asOf(@RequestParam String patient, @RequestParam String at) {
        AccessRecord.current().touched(patient);
        PointInTime summary = pointInTime.asOf(patient, Instants.parse(at))
                .orElseThrow(() -> new NotYetThere("patient " + patient + " did not exist at " + at));
        AccessRecord.current().returned("summary", 1);
        return summary;
    }

    @GetMapping("/verify")
    public ChainVerification verify() {
        return chain.verify();
    }

    public record History(String masterPatientId, List<HistoryEntry> events) {
    }

    @ExceptionHandler(NotYetThere.class)
    ProblemDetail notYetThere(NotYetThere e) {
        return problem(HttpStatus.NOT_FOUND, "No summary at that time", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(EventHashChain.Unavailable.class)
    ProblemDetail unavailable(EventHashChain.Unavailable e) {
        return problem(HttpStatus.NOT_IMPLEMENTED, "Integrity check unavailable", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static class NotYetThere extends RuntimeException {
        NotYetThere(String message) {
            super(message);
        }
    }
}
