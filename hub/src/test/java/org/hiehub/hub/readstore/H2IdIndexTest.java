package org.hiehub.hub.readstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A keyset page read through the {@code _id} index reads the page, not the collection (what it answers is compared
 * with the library's plain store in {@link IndexedReadStoreTest}).
 */
class H2IdIndexTest {

    private MVStore store;
    private MVMap<Object, Document> data;
    private H2IdIndex index;
    private final AtomicInteger read = new AtomicInteger();

    @BeforeEach
    void fill() {
        store = new MVStore.Builder().open();
        data = ReadStoreFile.data(store, "databases.hub.docs");
        for (int i = 0; i < 1_000; i++) {
            String id = String.format("p%04d", i);
            data.put(id, new Document("_id", id).append("even", i % 2 == 0));
        }
        index = new H2IdIndex("_id_", List.of(new IndexKey("_id", true)), data);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_page_after_the_last_id_reads_only_that_page() {
        Iterable<Object> page = index.firstInIdOrder(range("$gt", "p0500"), ascending(), 3,
                d -> all(d) && id(d).compareTo("p0500") > 0);

        assertThat(page).containsExactly("p0501", "p0502", "p0503");
        assertThat(read).as("documents checked: the bound's own, then the page").hasValue(4);
    }

    @Test
    void a_descending_page_starts_below_the_bound_and_the_rest_of_the_filter_is_checked_on_the_way() {
        Iterable<Object> page = index.firstInIdOrder(range("$lt", "p0500"), new Document("_id", -1), 2,
                d -> all(d) && id(d).compareTo("p0500") < 0 && Boolean.TRUE.equals(d.get("even")));

        assertThat(page).containsExactly("p0498", "p0496");
        assertThat(read).hasValue(5);
    }

    @Test
    void an_upper_bound_ends_the_read() {
        Document both = new Document("_id", new Document("$gt", "p0100").append("$lt", "p0103"));

        assertThat(index.firstInIdOrder(both, ascending(), 50,
                d -> all(d) && id(d).compareTo("p0100") > 0 && id(d).compareTo("p0103") < 0))
                .containsExactly("p0101", "p0102");
        assertThat(read).hasValue(4);
    }

    @Test
    void it_declines_what_it_cannot_answer_in_key_order() {
        assertThat(index.firstInIdOrder(new Document(), new Document("name", 1), 3, this::all)).isNull();
        assertThat(index.firstInIdOrder(new Document(), ascending(), 0, this::all)).as("no limit").isNull();

        Document withObjectId = new Document("_id", new ObjectId());
        data.put(withObjectId.get("_id"), withObjectId);
        H2IdIndex mixed = new H2IdIndex("_id_", List.of(new IndexKey("_id", true)), data);
        assertThat(mixed.firstInIdOrder(new Document(), ascending(), 3, this::all))
                .as("H2 orders keys by type first").isNull();

        data.remove(withObjectId.get("_id"));
        mixed.remove(withObjectId);
        assertThat(mixed.firstInIdOrder(new Document(), ascending(), 3, this::all)).as("the object id went")
                .containsExactly("p0000", "p0001", "p0002");
    }

    private boolean all(Document document) {
        read.incrementAndGet();
        return true;
    }

    private static String id(Document document) {
        return (String) document.get("_id");
    }

    private static Document range(String operator, String bound) {
        return new Document("_id", new Document(operator, bound));
    }

    private static Document ascending() {
        return new Document("_id", 1);
    }
}
