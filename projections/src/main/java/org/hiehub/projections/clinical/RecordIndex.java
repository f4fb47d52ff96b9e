package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.support.UnitOfWorkBatch;
import org.hiehub.projections.support.UpsertsById;

/**
 * Which documents of a view belong to which source record: {@code {_id: sourceRecordId, <kind>: [ids]}}. Reads
 * then go by {@code _id} only ({@code $in}), which every store serves from its primary index; mongo-java-server
 * (the embedded read store) ignores secondary indexes and would scan the whole collection for
 * {@code sourceRecordId $in [...]}. {@code $addToSet} is idempotent and commutes, so replays and concurrent
 * segments leave the same index.
 */
public final class RecordIndex {

    private final Supplier<MongoCollection<Document>> collection;

    public RecordIndex(MongoCollection<Document> index) {
        this(() -> index);
    }

    /** Resolved at each use: a projection's live instance follows a blue/green switch. */
    public RecordIndex(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    /**
     * Files a document under a record. Within a processor batch the additions are collected and written once per
     * record ({@code $addToSet $each}): an index document grows with every fact, and rewriting it per event
     * made large patients cost quadratic time on the embedded store.
     */
    public void add(String sourceRecordId, String kind, String documentId) {
        MongoCollection<Document> index = collection.get();
        Pending pending = UnitOfWorkBatch.current("record-index:" + index.getNamespace().getFullName(),
                Pending::new, p -> flush(index, p));
        if (pending == null) {
            UpsertsById.applyOne(index, sourceRecordId, update(Map.of(kind, Set.of(documentId))));
        } else {
            pending.byRecord.computeIfAbsent(sourceRecordId, r -> new LinkedHashMap<>())
                    .computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(documentId);
        }
    }

    /** Files documents under their records now, as one bulk write (a caller that batches its own writes). */
    public void addNow(String kind, Map<String, ? extends java.util.Collection<String>> idsByRecord) {
        Pending pending = new Pending();
        idsByRecord.forEach((record, ids) -> pending.byRecord.put(record,
                new LinkedHashMap<>(Map.of(kind, new LinkedHashSet<>(ids)))));
        flush(collection.get(), pending);
    }

    /** One bulk write per batch (see {@link UpsertsById}). */
    private static void flush(MongoCollection<Document> index, Pending pending) {
        Map<String, Bson> updates = new LinkedHashMap<>();
        pending.byRecord.forEach((record, ids) -> updates.put(record, update(ids)));
        UpsertsById.apply(index, updates);
    }

    private static Bson update(Map<String, ? extends Set<String>> idsByKind) {
        return Updates.combine(idsByKind.entrySet().stream()
                .map(e -> Updates.addEachToSet(e.getKey(), List.copyOf(e.getValue()))).toList());
    }

    private static final class Pending {
        private final Map<String, Map<String, Set<String>>> byRecord = new LinkedHashMap<>();
    }

    /** The ids of one kind listed for any of the records. */
    public List<String> ids(Collection<String> sourceRecordIds, String kind) {
        return idsByKind(sourceRecordIds, List.of(kind)).get(kind);
    }

    /** The ids of each of the kinds listed for any of the records, in one read; every kind asked for is a key. */
    public Map<String, List<String>> idsByKind(Collection<String> sourceRecordIds, Collection<String> kinds) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        kinds.forEach(kind -> ids.put(kind, new ArrayList<>()));
        idsByRecord(sourceRecordIds, kinds).values().forEach(own -> own.forEach((kind, listed) ->
                ids.get(kind).addAll(listed)));
        return ids;
    }

    /** Each record's ids of each of the kinds, in one read; a record without an index document is left out. */
    public Map<String, Map<String, List<String>>> idsByRecord(Collection<String> sourceRecordIds,
                                                              Collection<String> kinds) {
        Map<String, Map<String, List<String>>> byRecord = new LinkedHashMap<>();
        if (!sourceRecordIds.isEmpty()) {
            collection.get().find(in("_id", List.copyOf(sourceRecordIds))).forEach(d -> {
                Map<String, List<String>> ids = new LinkedHashMap<>();
                kinds.forEach(kind -> ids.put(kind, d.getList(kind, String.class, List.of())));
                byRecord.put(d.getString("_id"), ids);
            });
        }
        return byRecord;
    }

    /** Forgets the records' index documents (an erasure; the caller deletes the documents they listed). */
    public void forget(Collection<String> sourceRecordIds) {
        collection.get().deleteMany(in("_id", List.copyOf(sourceRecordIds)));
    }

    public void clear() {
        collection.get().deleteMany(new Document());
    }
}
