package org.hiehub.api.ingestion;

import java.util.List;
import java.util.Map;

/**
 * A record's data-quality score (0–100), its band (ACCEPT, WARN, REVIEW, REJECT), the score per dimension
 * (completeness, accuracy, consistency, timeliness, uniqueness) and the findings behind it. Findings name fields
 * and rules, never values, so they carry no personal data.
 */
public record QualityAssessment(int score, String band, Map<String, Integer> dimensions, List<String> findings) {

    public QualityAssessment {
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
