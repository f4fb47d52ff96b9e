package org.hiehub.command.ingest.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.ParsedMessage;
import org.springframework.stereotype.Component;

/**
 * Scores a message on the five classic data-quality dimensions (Wang &amp; Strong 1996, as used in HIE data
 * quality frameworks): completeness, accuracy, consistency, timeliness, uniqueness; each 0–100, combined with
 * weights from configuration ({@link QualityProperties#weights()}). The rules themselves live in
 * {@link DemographicRules} and {@link FactRules}, the ranges they judge values by in {@link PlausibleRanges}. A
 * failed check of something that cannot be true caps the score at {@link QualityProperties#impossibleCeiling()}:
 * one impossible value among fifty good ones would otherwise vanish in the average.
 */
@Component
public class RuleBasedQualityScorer implements QualityScorer {

    private static final SourceRecordId PROBE = SourceRecordId.of("quality-probe");
    private final QualityProperties properties;
    private final PlausibleRanges ranges;

    public RuleBasedQualityScorer(QualityProperties properties) {
        this.properties = properties;
        this.ranges = new PlausibleRanges(properties.plausibleRanges());
    }

    @Override
    public QualityAssessment assess(ParsedMessage message, Instant receivedAt) {
        Tally tally = new Tally();
        if (message.patients().isEmpty() && message.merges().isEmpty()) {
            tally.check("completeness", false, "message names no patient");
        }
        for (ParsedMessage.PatientPart patient : message.patients()) {
            DemographicRules.check(patient, receivedAt, tally);
            List<ClinicalEvent> facts = new ArrayList<>();
            for (ParsedMessage.FactDraft draft : patient.facts()) {
                facts.add(draft.bind(PROBE, "probe", "probe/" + facts.size()));
            }
            FactRules.check(facts, patient.demographics(), receivedAt, properties.maxAgeDays(), ranges, tally);
        }
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        Map<String, Integer> weights = properties.weights();
        weights.keySet().stream().sorted().forEach(d -> dimensions.put(d, tally.score(d)));
        int score = (int) Math.round(dimensions.entrySet().stream()
                .mapToDouble(e -> e.getValue() * weights.get(e.getKey())).sum() / 100.0);
        if (tally.impossible) {
            score = Math.min(score, properties.impossibleCeiling());
        }
        return new QualityAssessment(score, properties.band(score), dimensions, tally.findings());
    }

    /** Passed and failed checks per dimension; a failed check may weigh more than one ordinary check. */
    static final class Tally {
        private final Map<String, int[]> counts = new LinkedHashMap<>();
        private final List<String> findings = new ArrayList<>();
        private boolean impossible;

        void check(String dimension, boolean passed, String finding) {
            check(dimension, passed, 1, finding);
        }

        void check(String dimension, boolean passed, int weight, String finding) {
            int[] c = counts.computeIfAbsent(dimension, d -> new int[2]);
            c[1] += weight;
            if (passed) {
                c[0] += weight;
            } else if (findings.size() < 50 && !findings.contains(finding)) {
                findings.add(finding);
            }
        }

        /** A check that fails only when the message states something that cannot be true. */
        void possible(String dimension, boolean passed, int weight, String finding) {
            check(dimension, passed, weight, finding);
            impossible |= !passed;
        }

        int score(String dimension) {
            int[] c = counts.get(dimension);
            return c == null || c[1] == 0 ? 100 : (int) Math.round(100.0 * c[0] / c[1]);
        }

        List<String> findings() {
            return findings;
        }
    }
}
