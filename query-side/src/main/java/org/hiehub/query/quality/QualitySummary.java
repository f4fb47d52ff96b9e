package org.hiehub.query.quality;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** Sums one source system's messages of one day: counts per outcome and band, mean scores, top findings. */
final class QualitySummary {

    static final int TOP_FINDINGS = 5;
    private final String sourceSystem;
    private final String day;
    private long received;
    private long accepted;
    private long warned;
    private long flagged;
    private long rejected;
    private long scored;
    private long scoreSum;
    private final Map<String, long[]> dimensions = new TreeMap<>();
    private final Map<String, Long> findings = new HashMap<>();

    QualitySummary(String sourceSystem, String day) {
        this.sourceSystem = sourceSystem;
        this.day = day;
    }

    void add(Document message) {
        received++;
        if ("rejected".equals(message.getString("outcome"))) {
            rejected++;
        } else {
            accepted++;
        }
        // Bands as ingestion assigns them: WARN is accepted with a warning, REVIEW is accepted but flagged.
        String band = message.getString("band");
        if ("WARN".equals(band)) {
            warned++;
        } else if ("REVIEW".equals(band)) {
            flagged++;
        }
        Number score = message.get("score", Number.class);
        if (score != null) {
            scored++;
            scoreSum += score.longValue();
        }
        Document dims = message.get("dimensions", Document.class);
        if (dims != null) {
            dims.forEach((name, value) -> {
                long[] sum = dimensions.computeIfAbsent(name, k -> new long[2]);
                sum[0] += ((Number) value).longValue();
                sum[1]++;
            });
        }
        message.getList("findings", String.class, List.of()).forEach(f -> findings.merge(f, 1L, Long::sum));
    }

    Document toDocument() {
        Document means = new Document();
        dimensions.forEach((name, sum) -> means.append(name, round((double) sum[0] / sum[1])));
        List<Document> top = findings.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_FINDINGS).map(e -> new Document("finding", e.getKey()).append("count", e.getValue()))
                .toList();
        return new Document("sourceSystem", sourceSystem).append("day", day).append("received", received)
                .append("accepted", accepted).append("warned", warned).append("flagged", flagged)
                .append("rejected", rejected)
                .append("meanScore", scored == 0 ? null : round((double) scoreSum / scored))
                .append("meanDimensions", means).append("topFindings", top);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
