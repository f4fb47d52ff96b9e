package org.hiehub.query.measures;

import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.caregaps.CareGapProjection;
import org.hiehub.projections.clinical.ClinicalRecordProjection;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.query.freshness.ViewFreshness;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/measures}: population measures, aggregate only, small cells suppressed; {@code source} narrows
 * the population to one source system's patients (or stays).
 */
@RestController
public class MeasuresController {

    private static final List<String> VIEWS = List.of(PatientSummaryProjection.GROUP, CareGapProjection.GROUP,
            ClinicalRecordProjection.GROUP);
    private final PopulationMeasures measures;
    private final ViewFreshness freshness;

    public MeasuresController(PopulationMeasures measures, ViewFreshness freshness) {
        this.measures = measures;
        this.freshness = freshness;
    }

    @GetMapping("/api/measures")
    public ResponseEntity<Document> measures(@RequestParam(required = false) String source,
                                             @RequestParam(required = false) Long minPosition,
                                             @RequestParam(defaultValue = "5000") long waitMs) {
        long position = Long.MAX_VALUE;
        for (String view : VIEWS) {
            freshness.await(view, minPosition, Duration.ofMillis(waitMs));
            position = Math.min(position, freshness.currentPosition(view));
        }
        Document body = new Document("viewPosition", position)
                .append("suppression", new Document("threshold", SmallCells.THRESHOLD).append("rule",
                        "counts under " + SmallCells.THRESHOLD + " are not shown, nor a count or rate they could be "
                                + "derived from (complement within a rate, or subtraction across sources)"))
                .append("source", source)
                .append("measures", measures.all(source == null || source.isBlank() ? null : source));
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position)).body(body);
    }
}
