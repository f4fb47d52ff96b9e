package org.hiehub.query.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.projections.clinical.ClinicalCollections;
import org.hiehub.projections.clinical.ClinicalRecordProjection;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.terminology.TerminologySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-time merge over source records, fed by the real projection through Axon's handler adapter. */
class ClinicalSectionTest {

    static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");
    long position;
    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    org.axonframework.eventhandling.AnnotationEventHandlerAdapter projection;
    ClinicalSection section;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(
                new ClinicalRecordProjection(db, new Terminology(TerminologySource.classpath())));
        section = new ClinicalSection(db);
        handle(new MessageAccepted(MessageKey.of("m-a"), "http", "LAB-A", MessageFormat.values()[0], "ORU^R01",
                "1", "h1", AT, 1, new QualityAssessment(100, "ACCEPT", Map.of(), List.of())));
        handle(new MessageAccepted(MessageKey.of("m-b"), "http", "EHR-B", MessageFormat.values()[0], "ORU^R01",
                "2", "h2", AT, 1, new QualityAssessment(100, "ACCEPT", Map.of(), List.of())));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void the_latest_result_per_loinc_code_comes_from_whichever_linked_record_has_the_newest() {
        handle(potassium("sr-a", "k1", "m-a", "4.1", AT));
        handle(potassium("sr-b", "k2", "m-b", "5.2", AT.plusSeconds(3600)));
        handle(potassium("sr-c", "k3", "m-b", "9.9", AT.plusSeconds(7200))); // not linked to this patient

        Document clinical = section.forRecords(List.of("sr-a", "sr-b"));

        Document lab = clinical.getList("labs", Document.class).get(0);
        assertThat(lab.get("latest", Document.class).getString("sourceSystem")).isEqualTo("EHR-B");
        assertThat(lab.get("latest", Document.class).getString("sourceRecordId")).isEqualTo("sr-b");
        assertThat(lab.get("previous", Document.class).getString("factId")).isEqualTo("k1");
        assertThat(lab.getString("trend")).isEqualTo("up");
        assertThat(clinical.getList("mappingVersions", String.class))
                .containsExactly(new Terminology(TerminologySource.classpath()).version());
    }

    @Test
    void problems_medications_and_encounters_of_all_linked_records_are_shown_and_inactive_ones_left_out() {
        ClinicalTime onset = new ClinicalTime("20260101", AT, null, "day");
        handle(new ConditionRecorded(SourceRecordId.of("sr-a"), "c1", "m-a", Concept.of("SCT", "38341003", "HTN"),
                null, "active", null, onset, null, null, null));
        handle(new ConditionRecorded(SourceRecordId.of("sr-b"), "c2", "m-b", Concept.of("SCT", "38341003", "HTN"),
                null, "active", null, onset, null, null, null)); // the same problem from a second source: once
        handle(new ConditionRecorded(SourceRecordId.of("sr-b"), "c3", "m-b", Concept.of("SCT", "10509002", "Flu"),
                null, "resolved", null, onset, onset, null, null));
        handle(new MedicationRecorded(SourceRecordId.of("sr-b"), "rx1", "m-b", "REQUEST", Concept.of("RXNORM",
                "197361", "Amlodipine"), "active", "order", onset, null, null, null, null, null));
        handle(new EncounterStarted(SourceRecordId.of("sr-a"), "e1", "m-a", "V1", "ambulatory", null, "finished",
                onset, null, null, null, null));

        Document clinical = section.forRecords(List.of("sr-a", "sr-b"));

        assertThat(clinical.getList("problems", Document.class)).hasSize(1);
        assertThat(clinical.getList("medications", Document.class)).extracting(m -> m.getString("factId"))
                .containsExactly("rx1");
        assertThat(clinical.getList("encounters", Document.class)).extracting(e -> e.getString("encounterId"))
                .containsExactly("V1");
        assertThat(section.forRecords(List.of("sr-c")).getList("problems", Document.class)).isEmpty();
    }

    @Test
    void the_per_record_summaries_give_the_same_section_as_reading_every_fact() {
        for (int i = 0; i < 14; i++) { // more encounters than a summary shows, split over two records
            ClinicalTime start = new ClinicalTime("x", AT.plusSeconds(3600L * i), null, "second");
            handle(new EncounterStarted(SourceRecordId.of(i % 3 == 0 ? "sr-a" : "sr-b"), "e" + i, "m-a", "V" + i,
                    "ambulatory", null, "finished", start, null, null, null, null));
        }
        ClinicalTime onset = new ClinicalTime("20260101", AT, null, "day");
        handle(new ConditionRecorded(SourceRecordId.of("sr-a"), "c1", "m-a", Concept.of("SCT", "38341003", "HTN"),
                null, "active", null, onset, null, null, null));
        ClinicalTime later = new ClinicalTime("20260201", AT.plusSeconds(86400 * 30), null, "day");
        handle(new ConditionRecorded(SourceRecordId.of("sr-a"), "c4", "m-a", Concept.of("SCT", "38341003", "HTN"),
                null, "active", null, later, null, null, null));
        // the newest of the code is re-sent resolved: the older one is the active one again
        handle(new ConditionRecorded(SourceRecordId.of("sr-a"), "c4", "m-a", Concept.of("SCT", "38341003", "HTN"),
                null, "resolved", null, later, later, null, null));
        handle(potassium("sr-a", "k1", "m-a", "4.1", AT));
        handle(potassium("sr-b", "k2", "m-b", "5.2", AT.plusSeconds(3600)));

        Document fromSummaries = section.forRecords(List.of("sr-a", "sr-b"));

        assertThat(fromSummaries.toJson()).isEqualTo(section.forRecords(List.of("sr-a", "sr-b"), f -> true).toJson());
        assertThat(fromSummaries.getList("problems", Document.class)).extracting(p -> p.getString("factId"))
                .containsExactly("c1");
        assertThat(fromSummaries.getList("encounters", Document.class)).hasSize(10);
    }

    @Test
    void records_without_a_summary_document_are_read_in_full() {
        handle(potassium("sr-a", "k1", "m-a", "4.1", AT));
        handle(potassium("sr-b", "k2", "m-b", "5.2", AT.plusSeconds(3600)));
        String expected = section.forRecords(List.of("sr-a", "sr-b")).toJson();

        db.getCollection(ClinicalCollections.RECORD_SUMMARIES).deleteMany(new Document("_id", "sr-a"));
        db.getCollection(ClinicalCollections.RECORD_SUMMARIES).updateOne(new Document("_id", "sr-b"),
                new Document("$inc", new Document("touched", 1L))); // a rebuild still pending

        assertThat(section.forRecords(List.of("sr-a", "sr-b")).toJson()).isEqualTo(expected);
    }

    /** As a streaming processor delivers it: tracked, at the next log position (handlers may ask for it). */
    private void handle(Object event) {
        try {
            projection.handle(new org.axonframework.eventhandling.GenericTrackedEventMessage<>(
                    new org.axonframework.eventhandling.GlobalSequenceTrackingToken(position++),
                    org.axonframework.eventhandling.GenericEventMessage.asEventMessage(event)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObservationRecorded potassium(String record, String factId, String message, String value,
                                                 Instant at) {
        return new ObservationRecorded(SourceRecordId.of(record), factId, message, Concept.of("LN", "2823-3",
                "Potassium"), "NM", new Measurement(value, new BigDecimal(value), null, "mmol/L", null, null),
                null, null, null, null, "final", new ClinicalTime(at.toString(), at, null, "second"), null, null,
                null, null, null, null, null);
    }
}
