package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.hiehub.projections.support.UnitOfWorkBatch;
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

    /**
     * Files a result under its (source record, code) document. Within a processor batch the results are collected
     * and written when the batch commits: one read of every document they concern and one bulk write, instead of a
     * read and a write per result. Outside a unit of work the result is written at once.
     *
     * @return the id of the (source record, code) document
     */
    String record(String sourceRecordId, NormalisedCode code, Document result, String mappingVersion) {
        String id = sourceRecordId + "|" + code.key();
        Result filed = new Result(id, sourceRecordId, code, result, mappingVersion);
        Map<String, List<Result>> pending = UnitOfWorkBatch.current(
                "latest-labs:" + labs.getNamespace().getFullName(), LinkedHashMap::new, this::flush);
        if (pending == null) {
            recordNow(List.of(filed));
        } else {
            pending.computeIfAbsent(id, k -> new ArrayList<>()).add(filed);
        }
        return id;
    }

    /** One result waiting for its batch to commit. */
    private record Result(String id, String sourceRecordId, NormalisedCode code, Document result,
                          String mappingVersion) {
    }

    private void flush(Map<String, List<Result>> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Document> current = new HashMap<>();
        labs.find(in("_id", List.copyOf(pending.keySet()))).forEach(d -> current.put(d.getString("_id"), d));
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (List<Result> results : pending.values()) {
            Document stored = current.get(results.get(0).id());
            Document next = apply(stored, results);
            if (next != null) {
                long revision = revision(stored);
                writes.add(revision < 0 ? new InsertOneModel<>(next)
                        : new ReplaceOneModel<>(and(eq("_id", next.getString("_id")), eq(REVISION, revision)), next));
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        try {
            BulkWriteResult written = labs.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            if (written.getInsertedCount() + written.getMatchedCount() == writes.size()) {
                return;
            }
        } catch (MongoBulkWriteException e) {
            if (!e.getWriteErrors().stream().allMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                    == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
        // Another segment wrote one of these documents since it was read: file the results one document at a
        // time, each reading again. The newest two of a set do not depend on order, so re-filing changes nothing.
        pending.values().forEach(this::recordNow);
    }

    /** Files the results of one document, reading it again each time a conditional write loses a race. */
    private void recordNow(List<Result> results) {
        String id = results.get(0).id();
        while (true) {
            Document current = labs.find(eq("_id", id)).first();
            Document next = apply(current, results);
            if (next == null || write(id, revision(current), next)) {
                return;
            }
        }
    }

    /** The document with the results filed, its revision one past the stored one; null when nothing changes. */
    private static Document apply(Document current, List<Result> results) {
        Document held = current;
        for (Result filed : results) {
            List<Document> newest = newestTwo(held, filed.result());
            if (held != null && sameFacts(held, newest)) {
                continue; // a re-delivered or older-than-both result changes nothing
            }
            held = new Document("_id", filed.id()).append("sourceRecordId", filed.sourceRecordId())
                    .append("code", codeDocument(filed.code()))
                    .append("latest", newest.get(0))
                    .append("previous", newest.size() > 1 ? newest.get(1) : null)
                    .append("trend", newest.size() > 1 ? trend(newest.get(0), newest.get(1)) : null)
                    .append("mappingVersion", filed.mappingVersion())
                    .append(REVISION, revision(current) + 1);
        }
        return held == current ? null : held;
    }

    private static long revision(Document current) {
        return current == null ? -1 : current.get(REVISION, Number.class).longValue();
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
