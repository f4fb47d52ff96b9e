package org.hiehub.projections.timeline;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.hiehub.projections.support.ErasedRecords;
import org.hiehub.projections.support.UnitOfWorkBatch;
import org.hiehub.projections.versions.ReadModelScope;

/**
 * Where timeline entries are written and forgotten: the entries of one processor batch go to MongoDB as one bulk
 * write with their keys ({@link TimelineKeys}; see {@link UnitOfWorkBatch}), leaving out the records an erasure
 * has tombstoned ({@link ErasedRecords}) and taking back, after writing, those tombstoned meanwhile by another
 * segment.
 */
final class TimelineEntries {

    private final ReadModelScope scope;
    private final TimelineKeys keys;
    private final ErasedRecords erased;

    TimelineEntries(ReadModelScope scope) {
        this.scope = scope;
        this.keys = new TimelineKeys(scope);
        this.erased = new ErasedRecords(() -> scope.collection(TimelineCollections.ERASED));
    }

    void add(Document entry) {
        Map<String, Document> pending = UnitOfWorkBatch.current("timeline-entries", LinkedHashMap::new,
                this::write);
        if (pending == null) {
            write(Map.of(entry.getString("_id"), entry));
        } else {
            pending.put(entry.getString("_id"), entry);
        }
    }

    /** An erasure: the tombstone first, so that a segment writing the records' facts now takes them back. */
    void forget(List<String> sourceRecordIds) {
        erased.erase(sourceRecordIds);
        keys.forget(sourceRecordIds);
    }

    void clear() {
        keys.clear();
        erased.clear();
        entries().deleteMany(new Document());
    }

    private void write(Map<String, Document> pending) {
        Map<String, List<Document>> byRecord = new LinkedHashMap<>();
        pending.values().forEach(e -> byRecord.computeIfAbsent(e.getString("sourceRecordId"), r -> new ArrayList<>())
                .add(e));
        byRecord.keySet().removeAll(erased.known(byRecord.keySet()));
        if (byRecord.isEmpty()) {
            return;
        }
        insert(entries(), byRecord.values().stream().flatMap(List::stream).toList());
        keys.add(byRecord);
        Set<String> erasedMeanwhile = erased.among(byRecord.keySet());
        if (!erasedMeanwhile.isEmpty()) {
            keys.forget(erasedMeanwhile);
        }
    }

    /**
     * Inserts, and replaces only the entries that were there already (a re-delivery, a replay over a kept view):
     * an upsert costs the store a lookup and an update on top of the insert, and on a rebuild almost every entry
     * is new. Either way each entry ends up as this event wrote it.
     */
    private static void insert(MongoCollection<Document> entries, List<Document> written) {
        try {
            entries.insertMany(written, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<ReplaceOneModel<Document>> existing = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document entry = written.get(error.getIndex());
                existing.add(new ReplaceOneModel<>(eq("_id", entry.getString("_id")), entry,
                        new ReplaceOptions().upsert(true)));
            }
            if (!existing.isEmpty()) {
                entries.bulkWrite(existing, new BulkWriteOptions().ordered(false));
            }
        }
    }

    private MongoCollection<Document> entries() {
        return scope.collection(TimelineCollections.ENTRIES);
    }
}
