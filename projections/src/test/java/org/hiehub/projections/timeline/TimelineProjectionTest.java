package org.hiehub.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.clinical.ClinicalFixtures.RECORD;
import static org.hiehub.projections.clinical.ClinicalFixtures.accepted;
import static org.hiehub.projections.clinical.ClinicalFixtures.glucose;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.terminology.TerminologySource;
import org.hiehub.projections.versions.ReadModelScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimelineProjectionTest {

    static final Instant RECEIVED = Instant.parse("2026-02-01T12:00:00Z");
    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    TimelineProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new TimelineProjection(ReadModelScope.unversioned(db),
                new Terminology(TerminologySource.classpath()));
        projection.on(accepted("m1", "LAB@GHH", RECEIVED));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void each_fact_becomes_one_entry_with_its_source_normalised_code_and_canonical_value() {
        projection.on(glucose("f1", "m1", "180.156", Instant.parse("2026-01-05T09:30:00Z")));
        projection.on(glucose("f1", "m1", "180.156", Instant.parse("2026-01-05T09:30:00Z")));

        List<Document> entries = entries();
        assertThat(entries).hasSize(1);
        Document entry = entries.get(0);
        assertThat(entry.getString("_id")).isEqualTo("f1");
        assertThat(entry.getString("type")).isEqualTo("observation");
        assertThat(entry.getString("sourceSystem")).isEqualTo("LAB@GHH");
        assertThat(entry.getString("sourceRecordId")).isEqualTo(RECORD.value());
        assertThat(entry.get("code", Document.class).getString("system")).isEqualTo("http://loinc.org");
        assertThat(entry.getString("value")).isEqualTo("10");
        assertThat(entry.getString("unit")).isEqualTo("mmol/L");
        assertThat(entry.getLong("t")).isEqualTo(Instant.parse("2026-01-05T09:30:00Z").toEpochMilli());
    }

    @Test
    void a_batch_rewrites_the_entries_already_there_and_adds_the_new_ones() {
        projection.on(glucose("f1", "m1", "90", RECEIVED));

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(glucose("f1", "m1", "180.156", RECEIVED));
        projection.on(glucose("f2", "m1", "90", RECEIVED));
        batch.commit();

        assertThat(entries()).extracting(e -> e.getString("_id") + "=" + e.getString("value"))
                .containsExactlyInAnyOrder("f1=10", "f2=4.99567");
    }

    @Test
    void a_fact_without_a_time_of_its_own_is_placed_at_its_message_receipt() {
        projection.on(new ImmunizationRecorded(RECORD, "i1", "m1", Concept.of("CVX", "140", "Influenza"),
                "completed", null, null, null));

        assertThat(entries().get(0).getString("time")).isEqualTo(RECEIVED.toString());
    }

    @Test
    void a_reset_clears_the_timeline() {
        projection.on(glucose("f1", "m1", "90", RECEIVED));
        projection.reset();
        assertThat(entries()).isEmpty();
    }

    private List<Document> entries() {
        return db.getCollection(TimelineCollections.ENTRIES).find().into(new ArrayList<>());
    }
}
