package org.hiehub.query.patient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.query.access.AccessDecision;
import org.hiehub.projections.alerts.AlertProjection;
import org.hiehub.projections.caregaps.CareGapProjection;
import org.hiehub.projections.clinical.ClinicalRecordProjection;
import org.hiehub.projections.quality.QualityProjection;
import org.hiehub.query.alerts.AlertFeed;
import org.hiehub.query.caregaps.CareGapEvaluator;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.quality.PatientQuality;
import org.springframework.stereotype.Component;

/**
 * The sections a summary merges at read time from other views, over the records the summary lists: the clinical
 * record, open care gaps, alerts (newest first) and the quality of the data. Each view is its own projection, so
 * the answer is as current as the least current of them.
 */
@Component
class SummaryView {

    static final int RECENT_ALERTS = 20;
    private static final List<String> VIEWS = List.of(ClinicalRecordProjection.GROUP, CareGapProjection.GROUP,
            AlertProjection.GROUP, QualityProjection.GROUP);
    private final ClinicalSection clinical;
    private final CareGapEvaluator careGaps;
    private final AlertFeed alerts;
    private final PatientQuality quality;
    private final ViewFreshness freshness;

    SummaryView(ClinicalSection clinical, CareGapEvaluator careGaps, AlertFeed alerts, PatientQuality quality,
                ViewFreshness freshness) {
        this.clinical = clinical;
        this.careGaps = careGaps;
        this.alerts = alerts;
        this.quality = quality;
        this.freshness = freshness;
    }

    /** The views merged into a summary besides the summary's own. */
    static List<String> views() {
        return VIEWS;
    }

    /** The lowest position among the merged views. */
    long position() {
        return VIEWS.stream().mapToLong(freshness::currentPosition).min().orElse(-1);
    }

    /** Merges the sections into {@code summary}; answers how many records of each kind it returns (for the audit). */
    Map<String, Integer> merge(Document summary, AccessDecision access) {
        List<String> records = ClinicalSection.sourceRecordIds(summary);
        // Only a decision that hides something needs every fact read (see ClinicalSection).
        Document section = access.hiddenCategories().isEmpty() ? clinical.forRecords(records)
                : clinical.forRecords(records, access::visible);
        summary.append("clinical", section);
        Map<String, Integer> returned = new LinkedHashMap<>();
        returned.put("PatientSummary", 1);
        for (String kind : List.of("labs", "medications", "allergies", "problems", "encounters")) {
            returned.merge(kind, section.getList(kind, Document.class, List.of()).size(), Integer::sum);
        }
        Document forGaps = new Document(summary).append("_id", summary.getString("masterPatientId"));
        Instant asOf = careGaps.asOf(null);
        summary.append("careGaps", new Document("asOf", asOf == null ? null : asOf.toString())
                .append("open", careGaps.gaps(forGaps, asOf).stream().map(CareGapEvaluator::toDocument).toList()));
        List<Document> recent = alerts.forRecords(records).stream()
                .filter(a -> access.visible(a) && !(a.get("details") instanceof Document d && !access.visible(d)))
                .toList();
        summary.append("alerts", new Document("total", recent.size())
                .append("recent", recent.subList(0, Math.min(RECENT_ALERTS, recent.size()))));
        summary.append("quality", quality.of(records));
        return returned;
    }
}
