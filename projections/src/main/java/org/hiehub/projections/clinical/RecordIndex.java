package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.support.UnitOfWorkBatch;

/**
 * Which documents of a view belong to which source record: {@code {_id: sourceRecordId, <kind>: [ids]}}. Reads
 * then go by {@code _id} only ({@code $in}), which every store serves from its primary index; mongo-java-server
 * (the embedded read store) ignores secondary indexes and would scan the whole collection for
 * {@code sourceRecordId $in [...]}. {@code $addToSet} is idempotent and commutes, so replays and concurrent
 * segments leave the same index.
 */
public final class RecordIndex {

    private final MongoCollection<Document> index;

    public RecordIndex(MongoCollection<Document> index) {
        this.index = index;
    }

    /**
     * Files a document under a record. Within a processor batch the additions are collected and written once per
     * record ({@code $addToSet $each}): an index document grows with every fact, and rewriting it per event
     * made large patients cost quadratic time on the embedded store.
     */
    public void add(String sourceRecordId, String kind, String documentId) {
        Pending pending = UnitOfWorkBatch.current("record-index:" + index.getNamespace().getFullName(),
                Pending::new, this::flush);
        if (pending == null) {
            write(sourceRecordId, Map.of(kind, new LinkedHashSet<>(List.of(documentId))));
        } else {
            pending.byRecord.computeIfAbsent(sourceRecordId, r -> new LinkedHashMap<>())
                    .computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(documentId);
        }
    }

    private void flush(Pending pending) {
        pending.byRecord.forEach(this::write);
    }

    private void write(String sourceRecordId, Map<String, ? extends Set<String>> idsByKind) {
        Bson update = Updates.combine(idsByKind.entrySet().stream()
                .map(e -> Updates.addEachToSet(e.getKey(), List.copyOf(e.getValue()))).toList());
        try {
            index.updateOne(eq("_id", sourceRecordId), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            index.updateOne(eq("_id", sourceRecordId), update); // lost an upsert race
        }
    }

    private static final class Pending {
        private final Map<String, Map<String, Set<String>>> byRecord = new LinkedHashMap<>();
    }

    /** The ids of one kind listed for any of the records. */
    public List<String> ids(Collection<String> sourceRecordIds, String kind) {
        List<String> ids = new ArrayList<>();
        index.find(in("_id", sourceRecordIds)).forEach(d -> ids.addAll(d.getList(kind, String.class, List.of())));
        return ids;
    }

    public void clear() {
        index.deleteMany(new Document());
    }
}
