package org.hiehub.projections.support;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentsByIdTest {

    final AtomicInteger finds = new AtomicInteger();
    MongoServer server;
    MongoClient client;
    MongoCollection<Document> collection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if ("find".equals(event.getCommandName())) {
                    finds.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(counting).build());
        collection = client.getDatabase("test").getCollection("entries");
        collection.insertMany(IntStream.range(0, 2_500).mapToObj(i -> new Document("_id", "e" + i)).toList());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void a_patients_many_ids_are_read_a_thousand_per_query_and_all_found() {
        List<String> ids = IntStream.range(0, 2_600).mapToObj(i -> "e" + i).toList();
        finds.set(0);

        List<Document> found = DocumentsById.list(collection, ids);

        assertThat(found).hasSize(2_500);
        assertThat(finds.get()).isEqualTo(3);
        assertThat(DocumentsById.read(collection, ids.subList(0, 10)).keySet()).hasSize(10);
    }
}
