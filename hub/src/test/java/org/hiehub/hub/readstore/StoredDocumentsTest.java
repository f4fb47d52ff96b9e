package org.hiehub.hub.readstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objects H2 holds in its pages are never changed after they were stored: its background writer serializes
 * them without a lock, and a change under it closed the whole store. Every kind of update the hub sends leaves the
 * stored object as it was and puts a new one in its place.
 */
class StoredDocumentsTest {

    @TempDir
    Path dir;

    @Test
    void an_update_replaces_the_stored_object_instead_of_changing_it() {
        IndexedH2Backend backend = new IndexedH2Backend(dir.resolve("store.mv").toString(), 16);
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> docs = client.getDatabase("hub").getCollection("docs");
            docs.insertOne(new Document("_id", "s1").append("rev", 1)
                    .append("golden", new Document("family", "Smith").append("given", List.of("Ann")))
                    .append("stale", true));
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> stored =
                    ReadStoreFile.collection(backend.getMvStore(), "hub.docs");

            de.bwaldvogel.mongo.bson.Document before = stored.values().iterator().next();
            String asStored = before.toString();
            docs.updateOne(eq("_id", "s1"), Updates.combine(Updates.set("golden.family", "Jones"),
                    Updates.inc("rev", 1), Updates.unset("stale")));
            assertThat(before.toString()).as("the object H2 held").isEqualTo(asStored);

            de.bwaldvogel.mongo.bson.Document second = stored.values().iterator().next();
            String secondAsStored = second.toString();
            docs.replaceOne(eq("_id", "s1"), new Document("_id", "s1").append("rev", 3),
                    new ReplaceOptions().upsert(true));
            docs.findOneAndUpdate(eq("_id", "s1"), Updates.set("rev", 4), new FindOneAndUpdateOptions());
            assertThat(second.toString()).isEqualTo(secondAsStored);

            assertThat(docs.find(eq("_id", "s1")).first()).isEqualTo(new Document("_id", "s1").append("rev", 4));
        } finally {
            server.shutdownNow();
        }
    }
}
