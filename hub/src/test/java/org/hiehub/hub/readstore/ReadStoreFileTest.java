package org.hiehub.hub.readstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded read store's file: documents as BSON pages, and the one-time conversion of a file from before. */
class ReadStoreFileTest {

    @TempDir
    Path dir;

    @Test
    void every_kind_of_value_comes_back_from_the_file_as_it_was_written() {
        String file = dir.resolve("store.mv").toString();
        List<Document> written = documents(30);
        using(new IndexedH2Backend(file, 16), docs -> docs.insertMany(written));

        using(new IndexedH2Backend(file, 16), docs -> {
            assertThat(docs.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
            assertThat(docs.find(eq("_id", "doc-7")).first()).isEqualTo(written.get(7));
        });
    }

    @Test
    void a_file_the_library_wrote_is_converted_once_and_keeps_every_document_and_index() {
        String file = dir.resolve("store.mv").toString();
        List<Document> written = documents(12_000);
        using(new H2Backend(file), docs -> {
            docs.createIndex(Indexes.ascending("masterPatientId"));
            docs.insertMany(written);
        });
        MVStore interrupted = new MVStore.Builder().fileName(file).open();
        interrupted.openMap("converting.databases.hub.docs").put("doc-0", "left from a conversion cut off");
        interrupted.close();

        using(new IndexedH2Backend(file, 16), docs -> {
            assertThat(docs.countDocuments()).isEqualTo(written.size());
            assertThat(docs.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
            assertThat(docs.find(eq("masterPatientId", "p3")).into(new ArrayList<>()))
                    .hasSize((int) written.stream().filter(d -> "p3".equals(d.get("masterPatientId"))).count());
            docs.insertOne(new Document("_id", "after").append("masterPatientId", "p3"));
        });

        MVStore converted = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            assertThat(converted.getMapNames()).noneMatch(name -> name.startsWith("converting."));
            assertThat(converted.<String, String>openMap("hiehub.format").get("documents")).isEqualTo("bson-1");
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> data =
                    ReadStoreFile.data(converted, "databases.hub.docs");
            assertThat(data.get("doc-5").get("masterPatientId")).isEqualTo(written.get(5).get("masterPatientId"));
            assertThat(data).hasSize(written.size() + 1);
        } finally {
            converted.close();
        }
        using(new IndexedH2Backend(file, 16), docs -> assertThat(docs.countDocuments()).isEqualTo(written.size() + 1));
    }

    @Test
    void a_file_left_open_by_a_process_that_died_is_reported_once_at_the_next_open() {
        String file = dir.resolve("store.mv").toString();
        IndexedH2Backend first = new IndexedH2Backend(file, 16);
        assertThat(first.closedUncleanly()).as("a new file").isFalse();
        using(first, docs -> docs.insertOne(new Document("_id", "a")));

        IndexedH2Backend afterCleanClose = new IndexedH2Backend(file, 16);
        assertThat(afterCleanClose.closedUncleanly()).isFalse();
        MongoServer server = new MongoServer(afterCleanClose);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            client.getDatabase("hub").getCollection("docs").insertOne(new Document("_id", "b"));
            afterCleanClose.getMvStore().closeImmediately();  // what a kill -9 leaves: no final commit
        } finally {
            server.shutdownNow();
        }

        IndexedH2Backend afterKill = new IndexedH2Backend(file, 16);
        assertThat(afterKill.closedUncleanly()).isTrue();
        using(afterKill, docs -> assertThat(docs.find(eq("_id", "a")).first()).isNotNull());
        IndexedH2Backend next = new IndexedH2Backend(file, 16);
        assertThat(next.closedUncleanly()).as("closed cleanly in between").isFalse();
        using(next, docs -> { });
    }

    private static List<Document> documents(int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(new Document("_id", "doc-" + i)
                    .append("masterPatientId", "p" + i % 5)
                    .append("rev", i)
                    .append("position", 1_000_000_000_000L + i)
                    .append("value", i / 3.0)
                    .append("abnormal", i % 2 == 0)
                    .append("missing", null)
                    .append("at", new Date(1_790_000_000_000L + i))
                    .append("amount", Decimal128.parse(i + ".10"))
                    .append("oid", new ObjectId(String.format("%024x", i)))
                    .append("uuid", new UUID(i, i + 1))
                    .append("raw", new Binary(new byte[] {1, 2, (byte) i}))
                    .append("name", new Document("family", "Müller-" + i).append("given", List.of("Ann", "Zoë")))
                    .append("readings", List.of(new Document("code", "2345-7").append("value", i),
                            new Document("code", "4548-4").append("value", List.of(1, 2.5, "x")))));
        }
        return documents;
    }

    private static void using(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort()
                + "/?uuidRepresentation=standard")) {
            work.accept(client.getDatabase("hub").getCollection("docs"));
        } finally {
            server.shutdownNow();
        }
    }
}
