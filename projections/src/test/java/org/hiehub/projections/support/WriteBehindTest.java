package org.hiehub.projections.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    MongoServer server;
    MongoClient client;
    MongoCollection<Document> collection;
    WriteBehind writes;
    /** The number of writes in each update command sent, in order. */
    final List<Integer> updateCommands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if ("update".equals(event.getCommandName())) {
                            updateCommands.add(event.getCommand().getArray("updates").size());
                        }
                    }
                }).build());
        collection = client.getDatabase("test").getCollection("docs");
        writes = new WriteBehind(collection);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void writes_of_a_batch_land_when_it_commits_and_in_order() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        Idempotent.applyIfNewer(writes, "r1", 0, set("name", "first"));
        Idempotent.applyIfNewer(writes, "r1", 2, set("name", "second"));
        writes.replace(eq("_id", "r2"), new Document("_id", "r2").append("v", 1));
        assertThat(collection.countDocuments()).as("nothing before the commit").isZero();

        batch.commit();

        assertThat(all()).containsExactly(new Document("_id", "r1").append("name", "second").append("_seq", 2L),
                new Document("_id", "r2").append("v", 1));
    }

    @Test
    void a_conditional_upsert_that_finds_a_newer_document_changes_nothing_and_the_rest_of_the_batch_still_lands() {
        Idempotent.applyIfNewer(collection, "r1", 5, set("name", "newer"));

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        Idempotent.applyIfNewer(writes, "r1", 3, set("name", "older"));
        writes.upsert(eq("_id", "r3"), set("v", 3));
        batch.commit();

        assertThat(all()).containsExactly(new Document("_id", "r1").append("name", "newer").append("_seq", 5L),
                new Document("_id", "r3").append("v", 3));
    }

    @Test
    void an_upsert_that_collides_mid_batch_is_repeated_alone_and_the_bulk_write_resumes_after_it() {
        collection.insertOne(new Document("_id", "r2").append("v", 0));

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        writes.upsert(eq("_id", "r1"), set("v", 1));
        // conditional on a state r2 is not in: the upsert collides with the existing r2, the plain update that
        // repeats it matches nothing
        writes.upsert(new Document("_id", "r2").append("v", 5), set("w", 1));
        writes.upsert(eq("_id", "r3"), set("v", 3));
        writes.update(eq("_id", "r3"), set("v", 4));
        batch.commit();

        assertThat(updateCommands).as("the batch, the colliding write alone, the writes after it")
                .containsExactly(4, 1, 2);
        assertThat(all()).containsExactly(new Document("_id", "r1").append("v", 1),
                new Document("_id", "r2").append("v", 0), new Document("_id", "r3").append("v", 4));
    }

    @Test
    void updates_apply_after_the_upserts_made_before_them_in_the_batch() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        writes.upsert(eq("_id", "i1"), set("candidate", "p-old"));
        writes.update(eq("_id", "i1"), set("status", "CONFIRMED"));
        writes.updateMany(eq("candidate", "p-old"), set("candidate", "p-new"));
        writes.update(eq("_id", "missing"), set("status", "CONFIRMED"));
        batch.commit();

        assertThat(all()).containsExactly(new Document("_id", "i1").append("candidate", "p-new")
                .append("status", "CONFIRMED"));
    }

    @Test
    void outside_a_unit_of_work_each_write_lands_at_once() {
        writes.upsert(eq("_id", "r1"), set("v", 1));
        assertThat(all()).containsExactly(new Document("_id", "r1").append("v", 1));
    }

    private List<Document> all() {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
