package org.hiehub.query.clinical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;

/**
 * Latest result per code across a patient's source records: the two newest results by observation time over all
 * records (each keeps its source), with the trend between them. Two sources may report the same result; they are
 * different facts and both count.
 */
final class LabMerge {

    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("t", Number.class).longValue())
            .thenComparing(d -> d.getString("factId")).reversed();

    private LabMerge() {
    }

    static List<Document> latestPerCode(List<Document> perRecord, Set<String> versions) {
        Map<String, List<Result>> resultsByCode = new LinkedHashMap<>();
        Map<String, Document> codes = new LinkedHashMap<>();
        perRecord.sort(Comparator.comparing(d -> d.getString("_id")));
        for (Document lab : perRecord) {
            Document code = lab.get("code", Document.class);
            String key = code.getString("system") + "|" + code.getString("code");
            codes.putIfAbsent(key, code);
            versions.add(lab.getString("mappingVersion"));
            for (String slot : List.of("latest", "previous")) {
                Document result = lab.get(slot, Document.class);
                if (result != null) {
                    resultsByCode.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Result(result, lab.getString("sourceRecordId")));
                }
            }
        }
        List<Document> merged = new ArrayList<>();
        resultsByCode.forEach((key, results) -> {
            results.sort(Comparator.comparing(Result::stored, NEWEST_FIRST));
            Document latest = shown(results.get(0));
            Document previous = results.size() > 1 ? shown(results.get(1)) : null;
            merged.add(new Document("code", codes.get(key)).append("latest", latest).append("previous", previous)
                    .append("trend", previous == null ? null : trend(latest, previous)));
        });
        merged.sort(Comparator.comparing(d -> String.valueOf(d.get("code", Document.class).getString("code"))));
        return merged;
    }

    /** Only the two shown per code are copied: copying every result was most of a summary's lab merge. */
    private static Document shown(Result result) {
        Document shown = new Document(result.stored());
        shown.remove("t");
        return shown.append("sourceRecordId", result.sourceRecordId());
    }

    /** A stored result and the record it came from. */
    private record Result(Document stored, String sourceRecordId) {
    }

    private static String trend(Document latest, Document previous) {
        Double now = latest.getDouble("value");
        Double before = previous.getDouble("value");
        if (now == null || before == null || !Objects.equals(latest.getString("unit"), previous.getString("unit"))) {
            return null;
        }
        int cmp = Double.compare(now, before);
        return cmp > 0 ? "up" : cmp < 0 ? "down" : "stable";
    }
}
