package org.hiehub.projections.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A projection's single-document writes, sent as one ordered bulk write when the batch commits (see
 * {@link UnitOfWorkBatch}) instead of one round trip per event; outside a unit of work (plain-object tests) each
 * is written at once. For writes that are replay-safe on their own: upserts by {@code _id}, conditional on an
 * event sequence or time where order matters, so that writing one twice changes nothing.
 * <p>
 * An upsert can lose a race: another segment inserted the document between the filter's miss and the insert, or
 * the filter is conditional and the document exists in a newer state. Either way the write is repeated without
 * upsert, which applies it to the existing document or, when the condition excludes it, does nothing — what the
 * single writes did before. When a bulk write fails that way, every write of the batch is repeated singly, each
 * safe to repeat.
 */
public final class WriteBehind {

    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private final MongoCollection<Document> collection;
    private final String key;

    public WriteBehind(MongoCollection<Document> collection) {
        this.collection = collection;
        this.key = "write-behind:" + collection.getNamespace().getFullName();
    }

    /** An update of one document, created when missing. */
    public void upsert(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
        write(new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true)));
    }

    /** A whole document in place of the one the filter finds, inserted when none does. */
    public void replace(org.bson.conversions.Bson filter, Document document) {
        write(new ReplaceOneModel<>(filter, document, new ReplaceOptions().upsert(true)));
    }

    private void write(WriteModel<Document> model) {
        List<WriteModel<Document>> pending = UnitOfWorkBatch.current(key, ArrayList::new, this::flush);
        if (pending == null) {
            writeSingly(model);
        } else {
            pending.add(model);
        }
    }

    private void flush(List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, ORDERED);
        } catch (MongoBulkWriteException e) {
            if (!e.getWriteErrors().stream().allMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                    == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            writes.forEach(this::writeSingly);
        }
    }

    private void writeSingly(WriteModel<Document> model) {
        try {
            execute(model, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            execute(model, false);
        }
    }

    private void execute(WriteModel<Document> model, boolean upsert) {
        if (model instanceof UpdateOneModel<Document> update) {
            collection.updateOne(update.getFilter(), update.getUpdate(), new UpdateOptions().upsert(upsert));
        } else if (model instanceof ReplaceOneModel<Document> replace) {
            collection.replaceOne(replace.getFilter(), replace.getReplacement(), new ReplaceOptions().upsert(upsert));
        } else {
            throw new IllegalArgumentException("not a single-document write: " + model.getClass().getSimpleName());
        }
    }
}
