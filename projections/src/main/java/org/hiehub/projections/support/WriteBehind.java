package org.hiehub.projections.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A projection's single-document writes, sent as one ordered bulk write when the batch commits (see
 * {@link UnitOfWorkBatch}) instead of one round trip per event; outside a unit of work (plain-object tests) each
 * is written at once, in the order made. For writes that are replay-safe on their own: upserts by {@code _id},
 * conditional on an event sequence or time where order matters, so that writing one twice changes nothing; and the
 * updates that follow them (a status change, a rename across documents), which must go through the same batch so
 * that they apply after the upserts they follow.
 * <p>
 * An upsert can lose a race: another segment inserted the document between the filter's miss and the insert, or
 * the filter is conditional and the document exists in a newer state. Either way the write is repeated without
 * upsert, which applies it to the existing document or, when the condition excludes it, does nothing — what the
 * single writes did before.
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

    /** An update of the document the filter finds, if any (nothing is created). */
    public void update(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
        write(new UpdateOneModel<>(filter, update));
    }

    /** An update of every document the filter finds, in its place among the batch's writes. */
    public void updateMany(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
        write(new UpdateManyModel<>(filter, update));
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

    /**
     * A lost upsert race is repeated on its own as a plain update, then the bulk write goes on from the write after it. MongoDB stops an
     * ordered bulk write at its first failing write; mongo-java-server applies the rest anyway, so there the writes
     * after it land twice, once before and once after the repeat, which is why each must be safe to repeat.
     */
    private void flush(List<WriteModel<Document>> writes) {
        int from = 0;
        while (from < writes.size()) {
            try {
                collection.bulkWrite(writes.subList(from, writes.size()), ORDERED);
                return;
            } catch (MongoBulkWriteException e) {
                if (!e.getWriteErrors().stream().allMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                        == ErrorCategory.DUPLICATE_KEY)) {
                    throw e;
                }
                int failed = from + e.getWriteErrors().get(0).getIndex();
                execute(writes.get(failed), false); // the upsert collided: the document exists now
                from = failed + 1;
            }
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

    /** The write on its own; {@code upsert} false repeats an upsert that lost its race as a plain update. */
    private void execute(WriteModel<Document> model, boolean upsert) {
        if (model instanceof UpdateOneModel<Document> update) {
            collection.updateOne(update.getFilter(), update.getUpdate(),
                    new UpdateOptions().upsert(upsert && update.getOptions().isUpsert()));
        } else if (model instanceof ReplaceOneModel<Document> replace) {
            collection.replaceOne(replace.getFilter(), replace.getReplacement(),
                    new ReplaceOptions().upsert(upsert && replace.getReplaceOptions().isUpsert()));
        } else if (model instanceof UpdateManyModel<Document> many) {
            collection.updateMany(many.getFilter(), many.getUpdate());
        } else {
            throw new IllegalArgumentException("not a single-document write: " + model.getClass().getSimpleName());
        }
    }
}
