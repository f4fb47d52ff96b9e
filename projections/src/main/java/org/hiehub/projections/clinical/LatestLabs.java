package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.hiehub.projections.terminology.NormalisedCode;

/**
 * Keeps the two newest results per (source record, code) by the time the result was observed, not by arrival:
 * a late result older than the latest becomes at most the previous one. The newest two of a set do not depend on
 * the order its members arrive in, so replays and re-deliveries give the same document. Results of one record can
 * be handled by two segments at once (they come in different messages), so each write is conditional on the
 * revision it read, and the loser reads again.
 */
final class LatestLabs {

    private static final String REVISION = "_rev";
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.getLong("t")).thenComparing(d -> d.getString("factId")).reversed();
    private final MongoCollection<Document> labs;

    LatestLabs(MongoCollection<Document> labs) {
        this.labs = labs;
    }

    /** @return the id of the (source record, code) document */
    String record(String sourceRecordId, NormalisedCode code, Document result, String mappingVersion) {
        String id = sourceRecordId + "|" + code.key();
        while (true) {
            Document current = labs.find(eq("_id", id)).first();
            List<Document> newest = newestTwo(current, result);
            if (current != null && sameFacts(current, newest)) {
                return id; // a re-delivered or older-than-both result changes nothing
            }
            long revision = current == null ? -1 : current.get(REVISION, Number.class).longValue();
            Document next = new Document("_id", id).append("sourceRecordId", sourceRecordId)
                    .append("code", codeDocument(code))
                    .append("latest", newest.get(0))
                    .append("previous", newest.size() > 1 ? newest.get(1) : null)
                    .append("trend", newest.size() > 1 ? trend(newest.get(0), newest.get(1)) : null)
                    .append("mappingVersion", mappingVersion)
                    .append(REVISION, revision + 1);
            if (write(id, revision, next)) {
                return id;
            }
        }
    }

    static Document codeDocument(NormalisedCode code) {
        return new Document("system", code.system()).append("code", code.code()).append("display", code.display())
                .append("mapped", code.mapped()).append("via", code.via());
    }

    private static List<Document> newestTwo(Document current, Document result) {
        List<Document> all = new ArrayList<>();
        all.add(result);
        if (current != null) {
            for (String slot : List.of("latest", "previous")) {
                Document held = current.get(slot, Document.class);
                if (held != null && !held.getString("factId").equals(result.getString("factId"))) {
                    all.add(held);
                }
            }
        }
        all.sort(NEWEST_FIRST);
        return all.subList(0, Math.min(2, all.size()));
    }

    private static boolean sameFacts(Document current, List<Document> newest) {
        Document previous = current.get("previous", Document.class);
        return factId(current.get("latest", Document.class)).equals(factId(newest.get(0)))
                && Objects.equals(previous == null ? null : factId(previous),
                newest.size() > 1 ? factId(newest.get(1)) : null);
    }

    private static String factId(Document result) {
        return result.getString("factId");
    }

    /** Up, down or stable between the two newest numeric results in the same unit; null when not comparable. */
    static String trend(Document latest, Document previous) {
        Double now = latest.getDouble("value");
        Double before = previous.getDouble("value");
        if (now == null || before == null || !Objects.equals(latest.getString("unit"), previous.getString("unit"))) {
            return null;
        }
        int cmp = Double.compare(now, before);
        return cmp > 0 ? "up" : cmp < 0 ? "down" : "stable";
    }

    private boolean write(String id, long revision, Document next) {
        try {
            var filter = revision < 0 ? eq("_id", id) : and(eq("_id", id), eq(REVISION, revision));
            if (revision < 0) {
                labs.insertOne(next);
                return true;
            }
            return labs.replaceOne(filter, next, new ReplaceOptions()).getMatchedCount() > 0;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another segment inserted it first
            }
            throw e;
        }
    }
}
