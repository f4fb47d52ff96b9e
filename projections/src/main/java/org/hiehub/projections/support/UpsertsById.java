package org.hiehub.projections.support;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Updates of documents by {@code _id}, each creating its document when missing, as one unordered bulk write. For
 * updates that are idempotent and commute ({@code $addToSet}, {@code $set} of a field only one writer ever sets
 * differently): an upsert that lost a race with another segment (both missed, one inserted) is repeated on its own
 * as a plain update of the document that exists now.
 */
public final class UpsertsById {

    private UpsertsById() {
    }

    public static void apply(MongoCollection<Document> collection, Map<String, ? extends Bson> updateById) {
        if (updateById.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(updateById.entrySet().stream().map(e -> new UpdateOneModel<Document>(
                    eq("_id", e.getKey()), e.getValue(), new UpdateOptions().upsert(true))).toList(),
                    new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            updateById.forEach((id, update) -> applyOne(collection, id, update));
        }
    }

    public static void applyOne(MongoCollection<Document> collection, String id, Bson update) {
        try {
            collection.updateOne(eq("_id", id), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            collection.updateOne(eq("_id", id), update); // inserted meanwhile
        }
    }
}
