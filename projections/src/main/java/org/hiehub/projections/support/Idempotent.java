package org.hiehub.projections.support;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Replay-safe writes. An update is applied only if the document has not yet seen an event at or past the given
 * aggregate sequence number, so re-delivered or replayed events never move a document backwards.
 */
public final class Idempotent {

    public static final String SEQUENCE = "_seq";

    private Idempotent() {
    }

    /**
     * As {@link #applyIfNewer(MongoCollection, String, long, Bson)}, sent with the batch's other writes when it
     * commits; for callers that need not know whether it applied.
     */
    public static void applyIfNewer(WriteBehind writes, String id, long sequence, Bson update) {
        writes.upsert(unseen(id, sequence), combine(update, set(SEQUENCE, sequence)));
    }

    /** @return true if the update was applied, false if the document had already seen this event */
    public static boolean applyIfNewer(MongoCollection<Document> collection, String id, long sequence, Bson update) {
        Bson unseen = unseen(id, sequence);
        try {
            var result = collection.updateOne(unseen, combine(update, set(SEQUENCE, sequence)),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the document exists with a newer sequence: the upsert's insert collided
            }
            throw e;
        }
    }

    private static Bson unseen(String id, long sequence) {
        // A flat filter whose top-level key is _id: mongo-java-server serves it from the _id index, whereas the
        // driver's and(...) renders as $and, which it answers with a collection scan (O(n) per event).
        return new Document("_id", id).append("$or", List.of(
                new Document(SEQUENCE, new Document("$lt", sequence)),
                new Document(SEQUENCE, new Document("$exists", false))));
    }
}
