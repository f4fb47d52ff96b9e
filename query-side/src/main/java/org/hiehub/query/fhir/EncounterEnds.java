package org.hiehub.query.fhir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.hiehub.query.timeline.TimelineQuery;

/**
 * An encounter as FHIR tells it: one resource with its period. The timeline keeps an HL7 admission (A01) and its
 * discharge (A03) as two entries, the way they arrived; the facade joins the end to its start by the source record
 * and the visit id, so an admission ended later shows {@code period.end} and status finished. The end entries
 * themselves are not resources.
 */
final class EncounterEnds {

    static final String START = "encounter";
    static final String END = "encounter-end";

    private EncounterEnds() {
    }

    /** The types to read for {@code types}: an encounter needs its end entries too. */
    static List<String> typesToRead(List<String> types) {
        return types.contains(START) && !types.contains(END)
                ? Stream.concat(types.stream(), Stream.of(END)).toList() : types;
    }

    /** The selection with each encounter's end joined in and the end entries left out if not asked for. */
    static TimelineQuery.Selection join(TimelineQuery.Selection read, List<String> types) {
        if (!types.contains(START)) {
            return read;
        }
        Map<String, Document> ends = new HashMap<>();
        // newest first: the first end seen for a visit is its latest (a corrected discharge time wins)
        read.whereKey(k -> END.equals(k.type())).stored().stream()
                .filter(e -> key(e) != null && e.getString("time") != null).forEach(e -> ends.putIfAbsent(key(e), e));
        TimelineQuery.Selection shown = types.contains(END) ? read : read.whereKey(k -> !END.equals(k.type()));
        return ends.isEmpty() ? shown : shown.map(e -> withEnd(e, ends));
    }

    private static Document withEnd(Document entry, Map<String, Document> ends) {
        if (!START.equals(entry.getString("type")) || entry.getString("end") != null || key(entry) == null) {
            return entry;
        }
        Document end = ends.get(key(entry));
        if (end == null) {
            return entry;
        }
        Document joined = new Document(entry).append("end", end.getString("time"));
        String status = entry.getString("status");
        if (status == null || "in-progress".equals(status) || "arrived".equals(status)) {
            joined.put("status", "finished");
        }
        return joined;
    }

    private static String key(Document entry) {
        String visit = entry.getString("encounterId");
        return visit == null ? null : entry.getString("sourceRecordId") + '\u0000' + visit;
    }
}
