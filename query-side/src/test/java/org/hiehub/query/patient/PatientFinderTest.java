package org.hiehub.query.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.hiehub.projections.summary.NameKeys;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.versions.ReadModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patient search asks the store only for what its indexes serve: a clause for summaries written before search keys
 * existed ({@code search $exists false}) makes MongoDB read the whole collection, so it is sent only while the
 * view still holds such a summary — which is still found.
 */
class PatientFinderTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> summaries;
    private final List<Document> filters = new CopyOnWriteArrayList<>();
    private PatientFinder finder;

    @BeforeEach
    void store() {
        server = new MongoServer(new MemoryBackend());
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if ("find".equals(event.getCommandName())
                        && SummaryCollections.SUMMARIES.equals(event.getCommand().getString("find").getValue())) {
                    filters.add(Document.parse(event.getCommand().getDocument("filter").toJson()));
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.bind().getPort()))
                .addCommandListener(listener).build());
        var readStore = client.getDatabase("hub");
        summaries = readStore.getCollection(SummaryCollections.SUMMARIES);
        finder = new PatientFinder(new ReadModels(readStore, 0));
        summaries.insertOne(keyed("mp-1", "Gutmann", "1984-01-04"));
        summaries.insertOne(keyed("mp-2", "Zabrowski", "1990-02-02"));
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void with_every_summary_keyed_the_search_asks_only_for_indexed_keys() {
        assertThat(ids(new PatientFinder.Criteria(null, null, "1984-01-04", null))).containsExactly("mp-1");
        assertThat(lastFilter()).isEqualTo(new Document("search.birthDates", "1984-01-04"));

        assertThat(ids(new PatientFinder.Criteria(null, "Gut", null, null))).containsExactly("mp-1");
        assertThat(lastFilter().toJson()).contains("search.names", "search.phonetic").doesNotContain("$exists");
    }

    @Test
    void a_summary_written_before_search_keys_is_found_until_it_is_keyed_and_then_the_clause_goes() {
        summaries.insertOne(new Document("_id", "mp-old").append("golden", new Document("name", new Document("value",
                        new Document("family", "Gutmann").append("given", List.of("Ada"))))
                .append("birthDate", new Document("value", "1984-01-04"))));

        int before = filters.size();
        assertThat(ids(new PatientFinder.Criteria("urn:x|1", null, null, null))).isEmpty();
        assertThat(filters.subList(before, filters.size())).as("a search by identifier does not look for them")
                .singleElement().satisfies(f -> assertThat(f.toJson()).doesNotContain("$exists"));

        assertThat(ids(new PatientFinder.Criteria(null, "Gutmann", null, null))).containsExactly("mp-1", "mp-old");
        assertThat(lastFilter().toJson()).contains("$exists");

        summaries.updateOne(Filters.eq("_id", "mp-old"), Updates.set("search", keyed("mp-old", "Gutmann",
                "1984-01-04").get("search")));
        assertThat(ids(new PatientFinder.Criteria(null, "Gutmann", null, null))).containsExactly("mp-1", "mp-old");
        assertThat(lastFilter().toJson()).doesNotContain("$exists");
    }

    private List<String> ids(PatientFinder.Criteria criteria) {
        return finder.search(criteria).stream().map(m -> m.summary().getString("_id")).toList();
    }

    private Document lastFilter() {
        return filters.get(filters.size() - 1);
    }

    private static Document keyed(String id, String family, String birthDate) {
        return new Document("_id", id).append("search", new Document("names", NameKeys.words(family))
                .append("phonetic", List.copyOf(NameKeys.phonetic(family.toLowerCase())))
                .append("birthDates", List.of(birthDate)).append("genders", List.of("female")));
    }
}
