package org.hiehub.query.alerts;

import org.hiehub.query.access.ConsentPolicy;
import org.hiehub.query.access.Caller;
import org.hiehub.query.access.PatientAccess;
import org.hiehub.query.access.AccessDecision;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.alerts.AlertProjection;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.patient.PatientSummaries;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The alert feed (paged, newest first), one patient's alerts, and the live stream (server-sent events). */
@RestController
public class AlertsController {

    private final AlertFeed feed;
    private final AlertStream stream;
    private final PatientSummaries summaries;
    private final ViewFreshness freshness;
    private final PatientAccess access;
    private final ConsentPolicy consent;

    public AlertsController(AlertFeed feed, AlertStream stream, PatientSummaries summaries, ViewFreshness freshness,
                            PatientAccess access, ConsentPolicy consent) {
        this.consent = consent;
        this.feed = feed;
        this.access = access;
        this.stream = stream;
        this.summaries = summaries;
        this.freshness = freshness;
    }

    @GetMapping("/api/alerts")
    public ResponseEntity<Document> feed(@RequestParam(required = false) String type,
                                         @RequestParam(defaultValue = "50") int limit,
                                         @RequestParam(required = false) String cursor,
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(AlertProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(AlertProjection.GROUP);
        AlertFeed.Page page = feed.page(type, limit, cursor);
        List<Document> shown = page.alerts().stream().filter(this::visible).toList();
        Document body = new Document("viewPosition", position).append("alerts", shown)
                .append("nextCursor", page.nextCursor());
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position)).body(body);
    }

    @GetMapping("/api/patients/{id}/alerts")
    public ResponseEntity<Document> forPatient(@PathVariable String id,
                                               @RequestParam(required = false) Long minPosition,
                                               @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(PatientSummaryProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        freshness.await(AlertProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        long position = Math.min(freshness.currentPosition(PatientSummaryProjection.GROUP),
                freshness.currentPosition(AlertProjection.GROUP));
        Document summary = summaries.find(id).orElse(null);
        if (summary == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        AccessDecision decision = access.require(id);
        List<Document> alerts = feed.forRecords(ClinicalSection.sourceRecordIds(summary)).stream()
                .filter(a -> visible(a, decision)).toList();
        Document body = new Document("masterPatientId", id).append("viewPosition", position).append("alerts", alerts);
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position)).body(body);
    }

    /** Feeds hold many patients: an alert shows when its patient's consent lets this caller see its fact. */
    private boolean visible(Document alert) {
        String patient = alert.getString("masterPatientId");
        if (patient == null) {
            return true;
        }
        AccessDecision decision = access.listed(patient);
        return !decision.denied() && visible(alert, decision);
    }

    private static boolean visible(Document alert, AccessDecision decision) {
        return decision.visible(alert) && !(alert.get("details") instanceof Document d && !decision.visible(d));
    }

    /**
     * Live alerts as server-sent events ({@code event: alert}, {@code id}: event position). {@code after} (or the
     * {@code Last-Event-ID} header a reconnecting EventSource sends) replays what came after that position first.
     */
    @GetMapping(value = "/api/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestParam(required = false) Long after,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Long from = after;
        if (from == null && lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Last-Event-ID must be an event position this stream sent");
            }
        }
        // The stream outlives the request: consent is decided per alert for the caller who subscribed.
        Caller caller = Caller.current();
        return stream.subscribe(from, alert -> {
            String patient = alert.getString("masterPatientId");
            if (patient == null) {
                return true;
            }
            AccessDecision decision = consent.decide(caller, patient);
            return !decision.denied() && visible(alert, decision);
        });
    }
}
