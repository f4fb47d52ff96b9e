package org.hiehub.query.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.MessageRejected;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.quality.QualityCollections;
import org.hiehub.projections.quality.QualityProjection;
import org.hiehub.projections.status.ProjectionStatus;
import org.hiehub.query.freshness.ViewFreshness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quality projection fed its events, then read through the controller, both as plain objects. */
class QualityViewTest {

    static final Instant DAY1 = Instant.parse("2026-04-01T10:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-04-02T10:00:00Z");
    MongoServer server;
    MongoClient client;
    AnnotationEventHandlerAdapter projection;
    QualityController controller;
    PatientQuality quality;
    MongoDatabase db;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new AnnotationEventHandlerAdapter(new QualityProjection(db));
        quality = new PatientQuality(db);
        controller = new QualityController(db, new ViewFreshness(new ProjectionStatus(db)));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void a_day_of_one_source_counts_outcomes_bands_mean_dimensions_and_top_findings() {
        handle(accepted("m1", "LAB", DAY1, 100, "ACCEPT", 100, List.of()));
        handle(accepted("m2", "LAB", DAY1, 80, "WARN", 60, List.of("PID-8 missing", "OBX-6 missing")));
        handle(accepted("m3", "LAB", DAY1, 60, "REVIEW", 20, List.of("PID-8 missing")));
        handle(new MessageRejected("dl1", "http", "LAB", MessageFormat.values()[0], "ORU^R01", "h", DAY1,
                "PID-7 invalid", "PID-7", new QualityAssessment(0, "REJECT", Map.of("completeness", 0),
                List.of("PID-7 invalid"))));
        handle(accepted("m2", "LAB", DAY1, 80, "WARN", 60, List.of("PID-8 missing", "OBX-6 missing"))); // again
        handle(accepted("m4", "EHR", DAY1, 90, "ACCEPT", 90, List.of()));
        handle(accepted("m5", "LAB", DAY2, 90, "ACCEPT", 90, List.of()));

        List<Document> days = controller.quality("LAB", "2026-04-01", "2026-04-01", null, 0).getBody().days();

        assertThat(days).hasSize(1);
        Document day = days.get(0);
        assertThat(day.getLong("received")).isEqualTo(4);
        assertThat(day.getLong("accepted")).isEqualTo(3);
        assertThat(day.getLong("warned")).isEqualTo(1);
        assertThat(day.getLong("flagged")).isEqualTo(1);
        assertThat(day.getLong("rejected")).isEqualTo(1);
        assertThat(day.getDouble("meanScore")).isEqualTo(60.0);
        assertThat(day.get("meanDimensions", Document.class).getDouble("completeness")).isEqualTo(45.0);
        assertThat(day.getList("topFindings", Document.class).get(0))
                .isEqualTo(new Document("finding", "PID-8 missing").append("count", 2L));
    }

    @Test
    void a_patients_quality_counts_each_message_that_carried_its_records_facts_once() {
        handle(accepted("m1", "LAB", DAY1, 100, "ACCEPT", 100, List.of()));
        handle(fact("sr-1", "m1", "f1"));
        handle(fact("sr-1", "m1", "f2")); // a second fact of the same message
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null); // as a processor batches: one write
        handle(accepted("m2", "LAB", DAY2, 70, "REVIEW", 70, List.of()));
        handle(fact("sr-1", "m2", "f3"));
        handle(fact("sr-2", "m2", "f4")); // the same message for another record of the patient
        handle(accepted("m3", "EHR", DAY2, 80, "WARN", 80, List.of()));
        handle(fact("sr-2", "m3", "f5"));
        batch.commit();
        handle(fact("sr-2", "m3", "f5")); // re-delivered in a later batch
        handle(accepted("m4", "EHR", DAY2, 10, "REVIEW", 10, List.of())); // carried nobody's facts here

        Document both = quality.of(List.of("sr-1", "sr-2"));
        Document first = quality.of(List.of("sr-1"));

        assertThat(both.getDouble("score")).isEqualTo(83.3); // (100 + 70 + 80) / 3
        assertThat(both.get("lowestScore")).isEqualTo(70);
        assertThat(both.get("messages")).isEqualTo(3L);
        assertThat(both.get("bands", Document.class)).isEqualTo(new Document("ACCEPT", 1L).append("REVIEW", 1L)
                .append("WARN", 1L));
        assertThat(first.getDouble("score")).isEqualTo(85.0);
        assertThat(db.getCollection(QualityCollections.RECORD_BUCKETS).find().into(new ArrayList<>()).stream()
                .mapToInt(b -> b.get("m", Document.class).size()).sum())
                .as("one verdict per (record, message), in the record's buckets").isEqualTo(4);
    }

    @Test
    void an_index_written_before_buckets_still_counts_and_an_erasure_takes_both() {
        handle(accepted("m1", "LAB", DAY1, 90, "ACCEPT", 90, List.of()));
        handle(accepted("m2", "LAB", DAY2, 60, "REVIEW", 60, List.of()));
        db.getCollection(QualityCollections.RECORD_MESSAGES).insertOne(new Document("_id", "sr-1")
                .append("messages", List.of("m1"))); // how the index listed a record's messages before
        handle(fact("sr-1", "m2", "f2"));

        assertThat(quality.of(List.of("sr-1")).get("messages")).isEqualTo(2L);

        handle(new PersonErased(MasterPatientId.of("mp-1"), List.of(), List.of(SourceRecordId.of("sr-1")),
                "GDPR-17-1-a", "C-1", "test", DAY2));
        assertThat(quality.of(List.of("sr-1")).get("messages")).isEqualTo(0L);
        assertThat(db.getCollection(QualityCollections.RECORD_BUCKETS).countDocuments()).isZero();
    }

    private static ImmunizationRecorded fact(String record, String messageKey, String factId) {
        return new ImmunizationRecorded(SourceRecordId.of(record), factId, messageKey,
                Concept.of("CVX", "140", "Influenza"), "completed", null, null, null);
    }

    private static MessageAccepted accepted(String key, String source, Instant at, int score, String band,
                                            int completeness, List<String> findings) {
        return new MessageAccepted(MessageKey.of(key), "http", source, MessageFormat.values()[0], "ORU^R01", key,
                "h-" + key, at, 1, new QualityAssessment(score, band, Map.of("completeness", completeness), findings));
    }

    private void handle(Object event) {
        try {
            projection.handle(GenericEventMessage.asEventMessage(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
