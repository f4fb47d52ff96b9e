package org.hiehub.hub.readstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The hub's indexed backends answer every query exactly as the library's plain scanning backend does, through
 * writes, updates that move indexed values, deletes, duplicate keys and (H2) a reopen of the file.
 */
class IndexedReadStoreTest {

    private static final List<Bson> QUERIES = List.of(
            eq("_id", "d7"), in("_id", List.of("d3", "d9", "missing")), and(eq("_id", "d4"), lt("_rev", 100)),
            and(eq("_id", "d4"), lt("_rev", 0)), eq("masterPatientId", "p2"), in("masterPatientId", List.of("p1", "p3")),
            and(eq("masterPatientId", "p2"), eq("kind", "lab")), eq("search.phonetic", "SM0"),
            and(eq("sourceSystem", "LAB"), eq("day", "2026-11-02")), eq("masterPatientId", null),
            and(in("_id", List.of("d1", "d2", "d5")), eq("masterPatientId", "p1")),
            elemMatch("identifiers", and(eq("system", "MRN"), eq("value", "m3"))),
            elemMatch("identifiers", and(eq("system", "MRN"), eq("value", "s3"))), // the values of two elements
            elemMatch("identifiers", and(eq("system", "SSN"), in("value", List.of("s2", "s4", "m6")))),
            elemMatch("identifiers", eq("value", "m5")), elemMatch("identifiers", eq("system", null)),
            and(eq("identifiers.system", "MRN"), eq("identifiers.value", "s3")),    // across elements: d3
            regex("search.phonetic", "^" + Pattern.quote("K1")), regex("search.phonetic", "^K2"),
            regex("search.phonetic", "^k1", "i"), regex("search.phonetic", "^K.3"), regex("search.phonetic", "K1"),
            or(eq("masterPatientId", "p1"), regex("search.phonetic", "^" + Pattern.quote("K3"))),
            or(in("search.phonetic", List.of("JNS", "K4")), eq("_id", "d8")),
            or(eq("masterPatientId", "p1"), eq("kind", "lab")));                        // one branch unindexed

    /**
     * Reads sorted by {@code _id}, limited (keyset pages: the H2 backend reads them in its keys' order, stopping at the
     * page's end) or not, compared in order.
     */
    private static final List<Ordered> ORDERED = List.of(
            new Ordered(new Document(), 1, 0, 5), new Ordered(gt("_id", "d15"), 1, 0, 5),
            new Ordered(gte("_id", "d15"), 1, 0, 5), new Ordered(gt("_id", "d15"), 1, 2, 3),
            new Ordered(lt("_id", "d30"), -1, 0, 4), new Ordered(lte("_id", "d30"), -1, 0, 4),
            new Ordered(new Document(), -1, 0, 3), new Ordered(and(gt("_id", "d1"), lt("_id", "d2")), 1, 0, 50),
            new Ordered(and(gt("_id", "d1"), lt("_id", "d2")), -1, 0, 50),
            new Ordered(and(gt("_id", "d1"), eq("kind", "lab")), 1, 0, 3), new Ordered(gt("_id", "d9"), 1, 0, 3),
            new Ordered(gt("_id", "zz"), 1, 0, 3), new Ordered(gt("_id", 5), 1, 0, 3),
            new Ordered(eq("kind", "fact"), 1, 0, 0), new Ordered(new Document(), 1, 0, 1_000));

    private record Ordered(Bson filter, int direction, int skip, int limit) {
        List<Object> ids(MongoCollection<Document> docs) {
            return docs.find(filter).sort(direction == 1 ? Sorts.ascending("_id") : Sorts.descending("_id"))
                    .skip(skip).limit(limit).batchSize(4).map(d -> d.get("_id")).into(new ArrayList<>());
        }
    }

    @TempDir
    Path dir;

    @Test
    void the_h2_backend_answers_as_the_plain_store_does_before_and_after_a_reopen() {
        String file = dir.resolve("store.mv").toString();
        MongoServer plain = new MongoServer(new MemoryBackend());
        IndexedH2Backend h2 = new IndexedH2Backend(file, 16);
        MongoServer indexed = new MongoServer(h2);
        try (Store expected = new Store(plain); Store actual = new Store(indexed)) {
            exercise(expected, actual);
        }
        MongoServer reopened = new MongoServer(new IndexedH2Backend(file, 16));
        MongoServer replayed = new MongoServer(new MemoryBackend());
        try (Store actual = new Store(reopened); Store expected = new Store(replayed)) {
            writeAll(expected);
            change(expected.docs);
            assertSameAnswers(expected, actual);
        }
    }

    @Test
    void a_keyset_page_on_the_h2_backend_is_read_in_key_order_not_by_a_scan() {
        Logger scans = (Logger) LoggerFactory.getLogger(ScanWarnings.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        scans.addAppender(warnings);
        try (Store store = new Store(new MongoServer(new IndexedH2Backend(dir.resolve("pages.mv").toString(), 16)))) {
            MongoCollection<Document> pages = store.client.getDatabase("hub").getCollection("keyset_pages");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < ScanWarnings.LARGE + 200; i++) {
                documents.add(new Document("_id", String.format("k%04d", i)).append("kind", i % 2 == 0 ? "a" : "b"));
            }
            pages.insertMany(documents);

            assertThat(pages.find(gt("_id", "k0500")).sort(Sorts.ascending("_id")).limit(3).map(d -> d.get("_id"))
                    .into(new ArrayList<>())).containsExactly("k0501", "k0502", "k0503");
            assertThat(pages.find(and(lt("_id", "k0500"), eq("kind", "b"))).sort(Sorts.descending("_id")).limit(2)
                    .map(d -> d.get("_id")).into(new ArrayList<>())).containsExactly("k0499", "k0497");
            assertThat(warnings.list).as("keyset pages answered without the scan").isEmpty();

            pages.find(eq("kind", "a")).sort(Sorts.ascending("kind")).limit(3).into(new ArrayList<>());
            assertThat(warnings.list).as("another order is still a scan, and said so").hasSize(1);
        } finally {
            scans.detachAppender(warnings);
        }
    }

    @Test
    void the_memory_backend_answers_as_the_plain_store_does() {
        try (Store expected = new Store(new MongoServer(new MemoryBackend()));
             Store actual = new Store(new MongoServer(new IndexedMemoryBackend()))) {
            exercise(expected, actual);
        }
    }

    private static void exercise(Store expected, Store actual) {
        writeAll(expected);
        writeAll(actual);
        assertSameAnswers(expected, actual);

        change(expected.docs);
        change(actual.docs);
        assertSameAnswers(expected, actual);
        assertThat(actual.docs.find(eq("masterPatientId", "p9")).into(new ArrayList<>())).extracting(d -> d.get("_id"))
                .containsExactly("d2");

        assertThat(ids(actual.docs, in("_id", List.of("d1", "d1", "d9")))).as("as MongoDB: each document once")
                .containsExactlyInAnyOrder("d1", "d9");
        assertThat(ids(actual.docs, in("masterPatientId", List.of("p9", "p9")))).containsExactly("d2");

        assertThatThrownBy(() -> actual.docs.insertOne(new Document("_id", "d1")))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));

        // an object id among the string ids: the store orders by type first, so an _id-ordered read scans again
        ObjectId objectId = new ObjectId("6564a1b2c3d4e5f601234567");
        for (Store store : List.of(expected, actual)) {
            store.docs.insertOne(new Document("_id", objectId).append("kind", "lab"));
        }
        assertSameAnswers(expected, actual);
        for (Store store : List.of(expected, actual)) {
            store.docs.deleteOne(eq("_id", objectId));
        }
        assertSameAnswers(expected, actual);
    }

    private static void change(MongoCollection<Document> docs) {
        docs.updateOne(eq("_id", "d2"), Updates.set("masterPatientId", "p9"));           // an indexed value moves
        docs.updateOne(and(eq("_id", "d4"), lt("_rev", 5)), Updates.set("_rev", 50));   // conditional write
        docs.replaceOne(and(eq("_id", "d4"), lt("_rev", 5)), new Document("_rev", 1));  // refused: rev is 50
        docs.deleteOne(eq("_id", "d3"));
        docs.deleteMany(eq("masterPatientId", "p3"));
        docs.replaceOne(eq("_id", "new"), new Document("masterPatientId", "p2").append("kind", "lab"),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Documents with a few shapes: plain and missing fields, arrays (multikey), a compound index, and arrays of
     * sub-documents under a compound index (found by element match).
     */
    private static void writeAll(Store store) {
        store.docs.createIndex(Indexes.ascending("masterPatientId"));
        store.docs.createIndex(Indexes.ascending("search.phonetic"));
        store.docs.createIndex(Indexes.compoundIndex(Indexes.ascending("sourceSystem"), Indexes.ascending("day")));
        store.docs.createIndex(Indexes.compoundIndex(Indexes.ascending("identifiers.system"),
                Indexes.ascending("identifiers.value")));
        store.docs.createIndex(Indexes.ascending("identifiers.value"));
        if (store.docs.countDocuments() > 0) {
            return;
        }
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            Document doc = new Document("_id", "d" + i).append("_rev", i % 7).append("kind", i % 3 == 0 ? "lab" : "fact");
            if (i % 5 != 0) {
                doc.append("masterPatientId", "p" + random.nextInt(4));
            }
            doc.append("search", new Document("phonetic", List.of(i % 2 == 0 ? "SM0" : "JNS", "K" + i)));
            doc.append("sourceSystem", i % 2 == 0 ? "LAB" : "HOSP").append("day", "2026-11-0" + (i % 3));
            List<Document> identifiers = new ArrayList<>();
            identifiers.add(new Document("system", "MRN").append("value", "m" + i));
            if (i % 2 == 1) {
                identifiers.add(new Document("system", "SSN").append("value", "s" + i));
            }
            if (i % 9 == 4) {
                identifiers.add(new Document("value", "unsystematic"));
            }
            doc.append("identifiers", identifiers);
            store.docs.insertOne(doc);
        }
    }

    private static void assertSameAnswers(Store expected, Store actual) {
        for (Bson query : QUERIES) {
            assertThat(ids(actual.docs, query)).as(query.toString()).containsExactlyInAnyOrderElementsOf(
                    ids(expected.docs, query));
        }
        for (Ordered read : ORDERED) {
            assertThat(read.ids(actual.docs)).as(read.toString()).containsExactlyElementsOf(read.ids(expected.docs));
        }
    }

    private static List<Object> ids(MongoCollection<Document> docs, Bson query) {
        return docs.find(query).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    private static final class Store implements AutoCloseable {
        final MongoServer server;
        final MongoClient client;
        final MongoCollection<Document> docs;

        Store(MongoServer server) {
            this.server = server;
            this.client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
            this.docs = client.getDatabase("hub").getCollection("docs");
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
