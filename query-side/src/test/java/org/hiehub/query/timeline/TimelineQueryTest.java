package org.hiehub.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.timeline.TimelineCollections;
import org.hiehub.projections.versions.ReadModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimelineQueryTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final TimelineQuery.Filter ANY = new TimelineQuery.Filter(null, null, null, null);
    MongoServer server;
    MongoClient client;
    MongoCollection<Document> entries;
    TimelineQuery query;
    RecordIndex index;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        var db = client.getDatabase("test");
        entries = db.getCollection(TimelineCollections.ENTRIES);
        query = new TimelineQuery(new ReadModels(db, 0));
        index = new RecordIndex(db.getCollection(TimelineCollections.RECORD_INDEX));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void pages_run_newest_first_and_neither_skip_nor_repeat_while_new_facts_arrive() {
        for (int i = 0; i < 10; i++) {
            add("f" + i, "sr-1", "LAB", "observation", T0.plusSeconds(60L * (i / 2))); // pairs share a time
        }
        List<String> seen = new ArrayList<>();
        TimelineQuery.Page page = query.page(List.of("sr-1"), ANY, 3, null);
        seen.addAll(ids(page));
        int arrived = 0;
        while (page.nextCursor() != null) {
            // newer facts, and one as old as the page boundary, arrive between page reads
            add("new" + arrived, "sr-1", "LAB", "observation", T0.plusSeconds(3600 + arrived));
            arrived++;
            page = query.page(List.of("sr-1"), ANY, 3, page.nextCursor());
            seen.addAll(ids(page));
        }

        assertThat(seen).containsExactly("f9", "f8", "f7", "f6", "f5", "f4", "f3", "f2", "f1", "f0");
    }

    @Test
    void entries_are_filtered_by_record_type_source_and_date_range() {
        add("a", "sr-1", "LAB", "observation", T0);
        add("b", "sr-1", "EHR", "condition", T0.plusSeconds(86_400));
        add("c", "sr-2", "LAB", "observation", T0.plusSeconds(2 * 86_400));
        add("d", "sr-3", "LAB", "observation", T0);

        assertThat(ids(query.page(List.of("sr-1", "sr-2"), ANY, 50, null))).containsExactly("c", "b", "a");
        assertThat(ids(query.page(List.of("sr-1", "sr-2"), new TimelineQuery.Filter(List.of("observation"), "LAB",
                null, null), 50, null))).containsExactly("c", "a");
        assertThat(ids(query.page(List.of("sr-1", "sr-2"), new TimelineQuery.Filter(null, null,
                TimelineController.start("2026-01-02"), TimelineController.end("2026-01-02")), 50, null)))
                .containsExactly("b");
    }

    @Test
    void one_selection_counts_every_visible_entry_and_pages_through_all_of_them() {
        for (int i = 0; i < 300; i++) { // more than one page of the largest size
            add(String.format("f%03d", i), i % 2 == 0 ? "sr-1" : "sr-2", "LAB", i % 3 == 0 ? "condition" : "observation",
                    T0.plusSeconds(i));
        }
        TimelineQuery.Selection observations = query.select(List.of("sr-1", "sr-2"),
                new TimelineQuery.Filter(List.of("observation"), null, null, null), e -> !"f299".equals(e.get("_id")));

        assertThat(observations.total()).isEqualTo(199); // 200 observations, one hidden
        List<String> seen = new ArrayList<>();
        TimelineQuery.Page page = observations.page(49, null);
        seen.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = observations.page(49, page.nextCursor());
            seen.addAll(ids(page));
        }
        assertThat(seen).hasSize(199).doesNotHaveDuplicates().startsWith("f298", "f296", "f295")
                .doesNotContain("f299", "f297");
    }

    @Test
    void a_cursor_not_made_by_the_api_is_refused() {
        assertThatThrownBy(() -> query.page(List.of("sr-1"), ANY, 3, "not-a-cursor"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void add(String id, String record, String source, String type, Instant at) {
        entries.insertOne(new Document("_id", id).append("sourceRecordId", record).append("sourceSystem", source)
                .append("type", type).append("time", at.toString()).append("t", at.toEpochMilli()));
        index.add(record, "entries", id);
    }

    private static List<String> ids(TimelineQuery.Page page) {
        return page.entries().stream().map(e -> e.getString("factId")).toList();
    }
}
