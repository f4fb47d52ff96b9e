package org.hiehub.projections.caregaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.clinical.ClinicalFixtures.RECORD;
import static org.hiehub.projections.support.ErasureFixtures.documentsNaming;
import static org.hiehub.projections.support.ErasureFixtures.erased;
import static org.hiehub.projections.support.ErasureFixtures.inBatch;
import static org.hiehub.projections.support.ErasureFixtures.onAnotherSegment;
import static org.hiehub.projections.clinical.ClinicalFixtures.accepted;
import static org.hiehub.projections.clinical.ClinicalFixtures.influenzaDose;
import static org.hiehub.projections.clinical.ClinicalFixtures.observation;
import static org.hiehub.projections.clinical.ClinicalFixtures.time;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import org.bson.Document;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.terminology.TerminologySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CareGapProjectionTest {

    static final Instant OLD = Instant.parse("2025-01-10T08:00:00Z");
    static final Instant NEW = Instant.parse("2026-05-10T08:00:00Z");
    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    CareGapProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new CareGapProjection(db, new Terminology(TerminologySource.classpath()));
        projection.on(accepted("m1", "EHR", NEW), NEW);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void evidence_keeps_the_newest_hba1c_whatever_order_results_arrive_in_and_flags_diabetes() {
        projection.on(observation("a2", "m1", Concept.of("LN", "4548-4", "HbA1c"), "7.1", "%", NEW));
        projection.on(observation("a1", "m1", Concept.of("LN", "4548-4", "HbA1c"), "8.0", "%", OLD));
        projection.on(new ConditionRecorded(RECORD, "c1", "m1", Concept.of("SNOMEDCT", "44054006", "Type 2 DM"),
                null, "active", null, time(OLD), null, null, null));
        projection.on(new ImmunizationRecorded(RECORD, "i1", "m1", Concept.of("CVX", "140", "Influenza"),
                "completed", time(NEW), null, null));

        Document evidence = db.getCollection(CareGapCollections.EVIDENCE).find().first();
        assertThat(evidence.getLong("lastHbA1c")).isEqualTo(NEW.toEpochMilli());
        assertThat(evidence.getBoolean("diabetes")).isTrue();
        assertThat(latestFluDose()).isEqualTo(NEW.toEpochMilli());
        assertThat(db.getCollection(CareGapCollections.STATE).find().first().getLong("asOf"))
                .isEqualTo(NEW.toEpochMilli());
    }

    @Test
    void a_vaccine_refused_or_withdrawn_by_its_sender_is_no_evidence_of_vaccination() {
        projection.on(new ImmunizationRecorded(RECORD, "i1", "m1", Concept.of("CVX", "141", "Influenza, seasonal"),
                "not-done", time(NEW), null, null));
        projection.on(new ImmunizationRecorded(RECORD, "i2", "m1", Concept.of("CVX", "141", "Influenza, seasonal"),
                "entered-in-error", time(NEW), null, null));
        assertThat(latestFluDose()).isNull();

        projection.on(new ImmunizationRecorded(RECORD, "i3", "m1", Concept.of("CVX", "141", "Influenza, seasonal"),
                "completed", time(OLD), null, null));
        assertThat(latestFluDose()).isEqualTo(OLD.toEpochMilli());
    }

    @Test
    void a_dose_its_sender_withdrew_is_no_evidence_whichever_message_came_first() {
        projection.on(influenzaDose("i1", "completed", OLD, "ORD-1"));
        projection.on(influenzaDose("i2", "completed", NEW, "ORD-2"));
        projection.on(influenzaDose("w2", "entered-in-error", NEW, "ORD-2"));
        assertThat(latestFluDose()).as("the newest dose withdrawn: the one before stands")
                .isEqualTo(OLD.toEpochMilli());

        projection.on(influenzaDose("w1", "entered-in-error", OLD, "ORD-1"));
        assertThat(latestFluDose()).isNull();

        projection.on(influenzaDose("w3", "entered-in-error", NEW, "ORD-3")); // a withdrawal met before its dose
        projection.on(influenzaDose("i3", "completed", NEW, "ORD-3"));
        assertThat(latestFluDose()).as("withdrawn whichever came first").isNull();
        projection.on(influenzaDose("i3", "completed", NEW, "ORD-3")); // re-delivered: still withdrawn
        projection.on(influenzaDose("w3", "entered-in-error", NEW, "ORD-3"));
        assertThat(latestFluDose()).isNull();
    }

    @Test
    void a_withdrawal_names_its_dose_by_record_id_when_both_have_one_else_by_vaccine_and_date() {
        projection.on(influenzaDose("i1", "completed", NEW, "ORD-1"));
        projection.on(influenzaDose("w9", "entered-in-error", NEW, "ORD-9")); // same vaccine and day, another record id
        assertThat(latestFluDose()).isEqualTo(NEW.toEpochMilli());

        projection.on(influenzaDose("i2", "completed", OLD, null));
        projection.on(influenzaDose("w2", "entered-in-error", OLD, null)); // no ids: the vaccine given on that day
        projection.on(influenzaDose("i1-again", "completed", NEW, "ORD-1"));
        assertThat(latestFluDose()).isEqualTo(NEW.toEpochMilli());
        projection.on(influenzaDose("w1", "entered-in-error", NEW, "ORD-1"));
        assertThat(latestFluDose()).as("both facts of ORD-1 withdrawn; the dose without an id by vaccine and date")
                .isNull();
    }

    private Long latestFluDose() {
        return CareGapRules.latestInfluenzaDose(db.getCollection(CareGapCollections.EVIDENCE).find()
                .into(new java.util.ArrayList<>()));
    }

    @Test
    void a_resolved_hypertension_is_no_evidence_of_hypertension() {
        projection.on(new ConditionRecorded(RECORD, "c1", "m1", Concept.of("SCT", "59621000", "Essential HTN"),
                null, "resolved", null, time(OLD), time(NEW), null, null));
        assertThat(db.getCollection(CareGapCollections.EVIDENCE).countDocuments()).isZero();
    }

    @Test
    void evidence_a_segment_reaches_after_another_segment_erased_its_person_is_not_kept() {
        onAnotherSegment(() -> projection.on(erased(MasterPatientId.of("mp-1"), RECORD)));

        inBatch(() -> {
            projection.on(observation("a1", "m1", Concept.of("LN", "4548-4", "HbA1c"), "7.1", "%", NEW));
            projection.on(new ConditionRecorded(RECORD, "c1", "m1", Concept.of("SNOMEDCT", "44054006", "Type 2 DM"),
                    null, "active", null, time(OLD), null, null, null));
        });

        assertThat(documentsNaming(db, RECORD.value())).isEmpty();
    }
}
