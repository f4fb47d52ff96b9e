package org.hiehub.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.Document;
import org.hiehub.projections.timeline.TimelineCollections;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.projections.timeline.TimelineProjection;
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
    TimelineKeys keys;
    /** How many timeline entries the store has sent back since the test began. */
    final AtomicInteger entriesRead = new AtomicInteger();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandSucceeded(CommandSucceededEvent event) {
                        BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                        if (cursor != null && cursor.getString("ns").getValue().endsWith(TimelineCollections.ENTRIES)) {
                            entriesRead.addAndGet(cursor.getArray(cursor.containsKey("firstBatch") ? "firstBatch"
                                    : "nextBatch").size());
                        }
                    }
                }).build());
        var db = client.getDatabase("test");
        entries = db.getCollection(TimelineCollections.ENTRIES);
        ReadModels readModels = new ReadModels(db, 0);
        query = new TimelineQuery(readModels);
        keys = new TimelineKeys(readModels.live(TimelineProjection.GROUP));
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
            add(String.format("f%03d", i), i % 2 == 0 ? "sr-1" : "sr-2", "LAB",
                    i % 3 == 0 ? "condition" : "observation", T0.plusSeconds(i));
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
    void a_selection_with_nothing_withheld_counts_its_keys_and_fetches_only_the_page() {
        for (int i = 0; i < 2_000; i++) {
            add(String.format("f%04d", i), "sr-1", "LAB", i % 4 == 0 ? "encounter-end" : "observation",
                    T0.plusSeconds(3_600L * i));
        }
        entriesRead.set(0);

        TimelineQuery.Selection all = query.select(List.of("sr-1"), ANY, TimelineQuery.EVERY_ENTRY);
        TimelineQuery.Selection observations = all.whereKey(k -> !"encounter-end".equals(k.type()));
        TimelineQuery.Page first = observations.page(20, null);
        TimelineQuery.Page second = observations.page(20, first.nextCursor());

        assertThat(all.total()).isEqualTo(2_000);
        assertThat(observations.total()).isEqualTo(1_500);
        assertThat(all.whereKey(k -> "encounter-end".equals(k.type())).total()).isEqualTo(500);
        assertThat(ids(first)).hasSize(20).startsWith("f1999", "f1998", "f1997", "f1995");
        assertThat(ids(second)).hasSize(20).doesNotContainAnyElementsOf(ids(first));
        assertThat(entriesRead.get()).as("entries fetched for two pages of 20").isBetween(40, 2 * 21);
        assertThat(observations.where(e -> e.getString("_id").endsWith("7")).total())
                .as("a condition on the entries reads them").isEqualTo(200);
    }

    @Test
    void a_page_chosen_on_keys_reads_only_the_entries_it_shows() {
        for (int i = 0; i < 1_000; i++) {
            add(String.format("f%04d", i), "sr-1", "LAB", "observation", T0.plusSeconds(3_600L * i),
                    i % 10 == 0 ? "8867-4" : "2339-0");
        }
        entriesRead.set(0);

        TimelineQuery.Page page = query.page(List.of("sr-1"), ANY, k -> "8867-4".equals(k.code()), 5, null,
                TimelineQuery.EVERY_ENTRY);
        TimelineQuery.Page next = query.page(List.of("sr-1"), ANY, k -> "8867-4".equals(k.code()), 5,
                page.nextCursor(), TimelineQuery.EVERY_ENTRY);

        assertThat(ids(page)).containsExactly("f0990", "f0980", "f0970", "f0960", "f0950");
        assertThat(ids(next)).startsWith("f0940");
        assertThat(entriesRead.get()).as("two pages of five, fetched at least 16 at a time")
                .isBetween(12, 2 * 16);
    }

    @Test
    void a_cursor_not_made_by_the_api_is_refused() {
        assertThatThrownBy(() -> query.page(List.of("sr-1"), ANY, 3, "not-a-cursor"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_page_of_a_long_history_reads_the_entries_it_shows_not_the_history() {
        for (int i = 0; i < 3_000; i++) { // ten results a day for 300 days
            add(String.format("f%04d", i), "sr-1", "LAB", "observation", T0.plusSeconds(8_640L * i));
        }
        entriesRead.set(0);

        TimelineQuery.Page first = query.page(List.of("sr-1"), ANY, 50, null);
        TimelineQuery.Page second = query.page(List.of("sr-1"), ANY, 50, first.nextCursor());
        TimelineQuery.Page oldest = query.page(List.of("sr-1"), new TimelineQuery.Filter(null, null, null,
                TimelineController.end("2026-01-01")), 50, null);

        assertThat(ids(first)).hasSize(50).startsWith("f2999", "f2998");
        assertThat(ids(second)).hasSize(50).startsWith("f2949");
        assertThat(ids(oldest)).containsExactly("f0009", "f0008", "f0007", "f0006", "f0005", "f0004", "f0003",
                "f0002", "f0001", "f0000");
        assertThat(entriesRead.get()).as("entries fetched for three pages of 50, 50 and 10")
                .isBetween(110, 3 * 51);
    }

    @Test
    void entries_consent_hides_never_count_and_the_page_fills_from_older_days() {
        for (int i = 0; i < 400; i++) { // one a day; only every hundredth may be seen
            add(String.format("f%03d", i), "sr-1", "LAB", i % 100 == 0 ? "observation" : "condition",
                    T0.plusSeconds(86_400L * i));
        }

        TimelineQuery.Page page = query.page(List.of("sr-1"), ANY, 3, null,
                e -> "observation".equals(e.getString("type")));
        TimelineQuery.Page rest = query.page(List.of("sr-1"), ANY, 3, page.nextCursor(),
                e -> "observation".equals(e.getString("type")));

        assertThat(ids(page)).containsExactly("f300", "f200", "f100");
        assertThat(ids(rest)).containsExactly("f000");
        assertThat(rest.nextCursor()).isNull();
    }

    @Test
    void an_entry_rewritten_at_another_time_shows_once_at_its_new_time() {
        add("a", "sr-1", "LAB", "observation", T0);
        add("b", "sr-1", "LAB", "observation", T0.plusSeconds(86_400));
        add("a", "sr-1", "LAB", "observation", T0.plusSeconds(3 * 86_400)); // its message's receipt time now known

        assertThat(ids(query.page(List.of("sr-1"), ANY, 50, null))).containsExactly("a", "b");
        assertThat(query.select(List.of("sr-1"), ANY, e -> true).total()).isEqualTo(2);
    }

    @Test
    void days_before_1970_and_sources_of_any_text_keep_their_order_and_filters() {
        String odd = "LAB\u001f|^~&"; // the key's own separator and HL7's delimiters in a sender's name
        add("old", "sr-1", "", "condition", Instant.parse("1961-05-01T10:00:00Z"));
        add("older", "sr-1", odd, "condition", Instant.parse("1959-12-31T23:59:59Z"));
        add("new", "sr-2", odd, "observation", T0);

        assertThat(ids(query.page(List.of("sr-1", "sr-2"), ANY, 1, null))).containsExactly("new");
        TimelineQuery.Page two = query.page(List.of("sr-1", "sr-2"), ANY, 2, null);
        assertThat(ids(query.page(List.of("sr-1", "sr-2"), ANY, 2, two.nextCursor()))).containsExactly("older");
        assertThat(ids(query.page(List.of("sr-1", "sr-2"), new TimelineQuery.Filter(null, odd, null, null), 50,
                null))).containsExactly("new", "older");
        assertThat(ids(query.page(List.of("sr-1"), new TimelineQuery.Filter(null, null,
                TimelineController.start("1959-12-31"), TimelineController.end("1960-12-31")), 50, null)))
                .containsExactly("older");
    }

    private void add(String id, String record, String source, String type, Instant at) {
        add(id, record, source, type, at, null);
    }

    /** An entry as the projection writes it, with its keys; {@code loinc} its code, if any. */
    private void add(String id, String record, String source, String type, Instant at, String loinc) {
        Document entry = new Document("_id", id).append("sourceRecordId", record).append("sourceSystem", source)
                .append("type", type).append("time", at.toString()).append("t", at.toEpochMilli())
                .append("code", loinc == null ? null
                        : new Document("system", "http://loinc.org").append("code", loinc));
        entries.replaceOne(new Document("_id", id), entry, new ReplaceOptions().upsert(true));
        keys.add(Map.of(record, List.of(entry)));
    }

    private static List<String> ids(TimelineQuery.Page page) {
        return page.entries().stream().map(e -> e.getString("factId")).toList();
    }
}
