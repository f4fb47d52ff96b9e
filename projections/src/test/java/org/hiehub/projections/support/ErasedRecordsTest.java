package org.hiehub.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two processes sharing one read store: each its own {@link ErasedRecords} over the same tombstones. */
class ErasedRecordsTest {

    MongoServer server;
    MongoClient client;
    MongoCollection<Document> tombstones;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        tombstones = client.getDatabase("test").getCollection("erased");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void tombstones_in_the_store_are_known_to_a_process_that_starts_later() {
        new ErasedRecords(() -> tombstones).erase(List.of("sr-1"));

        ErasedRecords later = new ErasedRecords(() -> tombstones);

        assertThat(later.known(List.of("sr-1", "sr-2"))).containsExactly("sr-1");
    }

    @Test
    void a_tombstone_another_process_writes_later_is_found_in_the_store_and_from_then_on_known() {
        ErasedRecords here = new ErasedRecords(() -> tombstones);
        assertThat(here.known(List.of("sr-1"))).isEmpty();

        new ErasedRecords(() -> tombstones).erase(List.of("sr-1"));

        assertThat(here.known(List.of("sr-1"))).as("not read again before writing").isEmpty();
        assertThat(here.among(List.of("sr-1", "sr-2"))).containsExactly("sr-1");
        assertThat(here.known(List.of("sr-1"))).containsExactly("sr-1");
    }

    @Test
    void an_erasure_here_is_known_at_once_and_a_reset_forgets_every_tombstone() {
        ErasedRecords here = new ErasedRecords(() -> tombstones);
        here.erase(List.of("sr-1"));
        assertThat(here.known(List.of("sr-1"))).containsExactly("sr-1");
        assertThat(tombstones.countDocuments()).isEqualTo(1);
        assertThat(tombstones.find().first().getString("_id")).as("a digest, not the id").hasSize(64)
                .isNotEqualTo("sr-1");

        here.clear();

        assertThat(here.known(List.of("sr-1"))).isEmpty();
        assertThat(here.among(List.of("sr-1"))).isEmpty();
    }
}
