package org.hiehub.hub.readstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded read store's H2 file as gauges: what an operator watches to see the file grow and fill. */
class ReadStoreFileMetersTest {

    @TempDir
    Path dir;

    @Test
    void the_gauges_show_the_files_size_fill_and_cache_and_nothing_once_it_is_closed() throws Exception {
        Path path = dir.resolve("readstore.mv");
        IndexedH2Backend file = new IndexedH2Backend(path.toString(), 16);
        MongoServer server = new MongoServer(file);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ReadStoreConfiguration().embeddedReadStoreFileMeters(
                new ReadStoreConfiguration.EmbeddedReadStore(server, null, file, false, true)).bindTo(registry);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> docs = client.getDatabase("hub").getCollection("docs");
            docs.insertMany(IntStream.range(0, 2_000)
                    .mapToObj(i -> new Document("_id", "d" + i).append("text", "x".repeat(500))).toList());
            for (int i = 0; i < 2_000; i += 2) {
                docs.updateOne(Filters.eq("_id", "d" + i), Updates.set("text", "y".repeat(400)));
            }
            file.getMvStore().commit();

            assertThat(gauge(registry, "hub.readstore.file.size")).isEqualTo((double) Files.size(path))
                    .isGreaterThan(500_000);
            assertThat(gauge(registry, "hub.readstore.chunks.fill")).isBetween(1.0, 100.0);
            assertThat(gauge(registry, "hub.readstore.file.fill")).isBetween(1.0, 100.0);
            assertThat(gauge(registry, "hub.readstore.cache.used")).isGreaterThan(0.0);
        } finally {
            server.shutdownNow();
        }
        assertThat(gauge(registry, "hub.readstore.file.size")).as("closed").isNaN();
    }

    @Test
    void the_memory_backend_has_no_file_gauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ReadStoreConfiguration().embeddedReadStoreFileMeters(
                new ReadStoreConfiguration.EmbeddedReadStore(null, null, null, false, true)).bindTo(registry);

        assertThat(registry.find("hub.readstore.file.size").gauge()).isNull();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
