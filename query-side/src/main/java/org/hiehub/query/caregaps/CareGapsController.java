package org.hiehub.query.caregaps;

import org.hiehub.query.access.PatientAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.caregaps.CareGapProjection;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.patient.PatientSummaries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Open care gaps of one patient, and the population worklist of patients with open gaps. */
@RestController
public class CareGapsController {

    static final int MAX_LIMIT = 500;
    private final CareGapEvaluator evaluator;
    private final PatientSummaries summaries;
    private final ViewFreshness freshness;
    private final PatientAccess access;

    public CareGapsController(CareGapEvaluator evaluator, PatientSummaries summaries, ViewFreshness freshness,
                              PatientAccess access) {
        this.evaluator = evaluator;
        this.access = access;
        this.summaries = summaries;
        this.freshness = freshness;
    }

    @GetMapping("/api/patients/{id}/care-gaps")
    public ResponseEntity<Document> forPatient(@PathVariable String id, @RequestParam(required = false) String asOf,
                                               @RequestParam(required = false) Long minPosition,
                                               @RequestParam(defaultValue = "5000") long waitMs) {
        long position = await(minPosition, waitMs);
        Document summary = summaries.find(id).orElse(null);
        if (summary == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        access.require(id);
        summary.put("_id", id);
        Instant at = evaluator.asOf(asOf);
        Document body = new Document("masterPatientId", id).append("asOf", at == null ? null : at.toString())
                .append("gaps", evaluator.gaps(summary, at).stream().map(CareGapEvaluator::toDocument).toList());
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position)).body(body);
    }

    @GetMapping("/api/care-gaps")
    public ResponseEntity<Document> worklist(@RequestParam(required = false) String rule,
                                             @RequestParam(required = false) String asOf,
                                             @RequestParam(defaultValue = "100") int limit,
                                             @RequestParam(defaultValue = "0") int offset,
                                             @RequestParam(required = false) Long minPosition,
                                             @RequestParam(defaultValue = "5000") long waitMs) {
        long position = await(minPosition, waitMs);
        Instant at = evaluator.asOf(asOf);
        // Patients whose consent hides them from this caller are left out before counting and paging.
        List<Document> rows = evaluator.worklist(rule, at).stream()
                .filter(row -> !access.listed(row.getString("masterPatientId")).denied()).toList();
        int from = Math.min(Math.max(0, offset), rows.size());
        int to = Math.min(rows.size(), from + Math.max(1, Math.min(limit, MAX_LIMIT)));
        Document body = new Document("asOf", at == null ? null : at.toString()).append("total", rows.size())
                .append("viewPosition", position).append("patients", rows.subList(from, to));
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position)).body(body);
    }

    private long await(Long minPosition, long waitMs) {
        freshness.await(PatientSummaryProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        freshness.await(CareGapProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        return Math.min(freshness.currentPosition(PatientSummaryProjection.GROUP),
                freshness.currentPosition(CareGapProjection.GROUP));
    }
}
