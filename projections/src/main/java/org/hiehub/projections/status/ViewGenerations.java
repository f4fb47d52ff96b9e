package org.hiehub.projections.status;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * How many times each processor's view has been reset and replayed in place. A replay that ends where the view was
 * before (no new events meanwhile) leaves the same event position, yet the documents may differ (a new terminology
 * table, say); the generation tells the two apart. {@link ProjectionStatusPublisher} publishes it beside the
 * position, so a reader that keeps something composed from a view (the query side's composed answers) keys it on
 * both. Kept in the read store, so it survives restarts and every process sees the same number.
 */
public final class ViewGenerations {

    public static final String COLLECTION = "view_generations";
    private final MongoCollection<Document> generations;

    public ViewGenerations(MongoDatabase readStore) {
        this.generations = readStore.getCollection(COLLECTION);
    }

    /**
     * Counts one more reset of {@code processor}. Call it after the tokens were reset and before the processor
     * starts again: the publisher reads the generations before the tokens, so the new generation is only ever
     * published with a position of the replay, never with the position the view had before it was cleared.
     */
    public void bump(String processor) {
        generations.updateOne(eq("_id", processor), Updates.inc("generation", 1L), new UpdateOptions().upsert(true));
    }

    /** Every processor's generation; a processor never reset is absent (generation 0). */
    public Map<String, Long> all() {
        Map<String, Long> all = new HashMap<>();
        generations.find().forEach(d -> all.put(d.getString("_id"), d.get("generation", Number.class).longValue()));
        return all;
    }
}
