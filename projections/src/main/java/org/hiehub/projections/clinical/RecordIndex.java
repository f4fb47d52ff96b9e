package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

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

    public void add(String sourceRecordId, String kind, String documentId) {
        try {
            index.updateOne(eq("_id", sourceRecordId), addToSet(kind, documentId), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            index.updateOne(eq("_id", sourceRecordId), addToSet(kind, documentId)); // lost an upsert race
        }
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
