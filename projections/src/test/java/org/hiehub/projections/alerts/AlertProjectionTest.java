package org.hiehub.projections.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.clinical.ClinicalFixtures.RECORD;
import static org.hiehub.projections.support.ErasureFixtures.documentsNaming;
import static org.hiehub.projections.support.ErasureFixtures.erased;
import static org.hiehub.projections.support.ErasureFixtures.inBatch;
import static org.hiehub.projections.support.ErasureFixtures.onAnotherSegment;
import static org.hiehub.projections.clinical.ClinicalFixtures.accepted;
import static org.hiehub.projections.clinical.ClinicalFixtures.observation;
import static org.hiehub.projections.clinical.ClinicalFixtures.time;
import static org.hiehub.projections.clinical.ClinicalFixtures.token;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.terminology.TerminologySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertProjectionTest {

    static final Instant AT = Instant.parse("2026-05-10T08:00:00Z");
    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    AlertProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new AlertProjection(db, new Terminology(TerminologySource.classpath()), AlertProperties.defaults());
        projection.on(accepted("m1", "LAB", AT));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void a_potassium_above_six_raises_one_critical_alert_however_often_it_is_delivered() {
        var potassium = observation("k1", "m1", Concept.of("LN", "2823-3", "Potassium"), "6.5", "mmol/L", AT);
        projection.on(potassium, token(10));
        projection.on(potassium, token(10));
        projection.on(observation("k2", "m1", Concept.of("LN", "2823-3", "Potassium"), "5.9", "mmol/L", AT),
                token(11));

        List<Document> alerts = alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getString("_id")).isEqualTo("critical-lab|k1");
            assertThat(a.getLong("position")).isEqualTo(10L);
            assertThat(a.get("details", Document.class).getString("direction")).isEqualTo("above");
            assertThat(a.getString("title")).contains("6.5 mmol/L").contains("above 6.0");
        });
    }

    @Test
    void a_glucose_sent_in_mmol_per_litre_meets_the_limit_configured_in_mg_per_decilitre() {
        projection.on(observation("g1", "m1", Concept.of("LN", "2345-7", "Glucose"), "2.5", "mmol/L", AT), token(1));
        projection.on(observation("g2", "m1", Concept.of("LN", "2345-7", "Glucose"), "3.0", "mmol/L", AT), token(2));
        projection.on(observation("g3", "m1", Concept.of("LN", "2345-7", "Glucose"), "45", "mg/dL", AT), token(3));

        // 2.5 mmol/L = 45 mg/dL (critical); 3.0 mmol/L = 54 mg/dL (not)
        assertThat(alerts()).extracting(a -> a.getString("_id"))
                .containsExactlyInAnyOrder("critical-lab|g1", "critical-lab|g3");
    }

    @Test
    void an_inpatient_encounter_is_an_admission_alert_kept_at_its_first_report() {
        EncounterStarted admitted = new EncounterStarted(RECORD, "e1", "m1", "V100", "inpatient", null,
                "in-progress", time(AT), null, "WARD^12", null, "7");
        projection.on(admitted, token(20));
        projection.on(new EncounterStarted(RECORD, "e2", "m1", "V100", "inpatient", null, "in-progress", time(AT),
                null, "WARD^14", null, "7"), token(25));
        projection.on(new EncounterStarted(RECORD, "e3", "m1", "V101", "outpatient", null, "finished", time(AT),
                null, null, null, null), token(26));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getString("type")).isEqualTo("admission");
            assertThat(a.getLong("position")).isEqualTo(20L);
        });
    }

    @Test
    void a_cancelled_admission_follows_the_admission_alert_in_either_order_and_only_after_it_in_the_log() {
        EncounterStarted admitted = new EncounterStarted(RECORD, "e1", "m1", "V100", "inpatient", null,
                "in-progress", time(AT), null, "WARD^12", null, "7");
        EncounterCancelled cancelled = new EncounterCancelled(RECORD, "e2", "m2", "V100", time(AT.plusSeconds(600)));
        projection.on(accepted("m2", "EHR", AT)); // the cancellation came from another sender than the admission

        projection.on(cancelled, token(31)); // another segment met the cancellation first
        assertThat(alerts()).as("nothing to withdraw yet").isEmpty();
        projection.on(admitted, token(30));
        assertThat(alerts()).as("the admission, met second, raises both")
                .extracting(a -> a.getString("type") + "@" + a.getLong("position"))
                .containsExactlyInAnyOrder("admission@30", "admission-cancelled@31");
        List<Document> raised = alerts();
        projection.on(cancelled, token(31)); // a re-delivery writes the same alert

        assertThat(alerts()).as("a re-delivery changes nothing").containsExactlyInAnyOrderElementsOf(raised);
        Document withdrawn = alerts().stream().filter(a -> "admission-cancelled".equals(a.getString("type")))
                .findFirst().orElseThrow();
        assertThat(withdrawn.getString("title")).isEqualTo("Admission cancelled by its source (inpatient)");
        assertThat(withdrawn.get("details", Document.class).getString("encounterId")).isEqualTo("V100");
        assertThat(withdrawn.getList("factIds", String.class)).containsExactly("e1", "e2");
        assertThat(withdrawn.getString("sourceSystem")).as("the cancellation's sender, though the admission came last")
                .isEqualTo("EHR");

        projection.on(new EncounterCancelled(RECORD, "e3", "m3", "V200", time(AT)), token(40));
        projection.on(new EncounterStarted(RECORD, "e4", "m4", "V200", "inpatient", null, "in-progress", time(AT),
                null, null, null, null), token(41));
        assertThat(alerts()).as("a visit cancelled before it was admitted (again) raises no cancellation")
                .extracting(a -> a.getString("type")).containsExactlyInAnyOrder("admission", "admission-cancelled",
                        "admission");
    }

    @Test
    void a_penicillin_allergy_and_an_amoxicillin_order_conflict_in_either_order() {
        projection.on(accepted("m2", "EHR", AT));
        projection.on(medication("rx1", "308182", "Amoxicillin 250 MG Oral Capsule"), token(31));
        projection.on(allergy("m2", "al1", "91936005", "Allergy to penicillin"), token(30)); // the EHR's, met last
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.getString("sourceSystem"))
                .as("the later fact's sender (the order's), whichever was met last").isEqualTo("LAB"));
        projection.on(allergy("m2", "al2", "91936005", "Allergy to penicillin"), token(33));
        assertThat(alerts()).filteredOn(a -> a.getString("_id").endsWith("|al2")).singleElement()
                .satisfies(a -> assertThat(a.getString("sourceSystem")).as("now the allergy is the later fact")
                        .isEqualTo("EHR"));
        projection.on(medication("rx2", "310965", "Ibuprofen 200 MG Oral Tablet"), token(32));
        projection.on(medication("rx1", "308182", "Amoxicillin 250 MG Oral Capsule"), token(31));

        assertThat(alerts()).filteredOn(a -> a.getString("_id").endsWith("|al1")).singleElement().satisfies(a -> {
            assertThat(a.getString("_id")).isEqualTo("drug-allergy|rx1|al1");
            assertThat(a.getLong("position")).isEqualTo(31L);
            assertThat(a.get("details", Document.class).getString("drugClass")).isEqualTo("Penicillins");
        });
    }

    @Test
    void a_reset_clears_alerts_and_working_state() {
        projection.on(allergy("al1", "91936005", "Allergy to penicillin"), token(30));
        projection.reset();
        projection.on(medication("rx1", "308182", "Amoxicillin 250 MG Oral Capsule"), token(31));

        assertThat(alerts()).isEmpty();
    }

    private static MedicationRecorded medication(String factId, String rxnorm, String display) {
        return new MedicationRecorded(RECORD, factId, "m1", "REQUEST",
                Concept.of("http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, display), "active", "order",
                time(AT), null, null, null, null, null);
    }

    private static AllergyRecorded allergy(String factId, String snomed, String display) {
        return allergy("m1", factId, snomed, display);
    }

    private static AllergyRecorded allergy(String message, String factId, String snomed, String display) {
        return new AllergyRecorded(RECORD, factId, message, Concept.of("http://snomed.info/sct", snomed, display),
                "allergy", List.of("medication"), "high", "active", "confirmed", List.of(), null, time(AT));
    }

    @Test
    void a_critical_value_a_segment_reaches_after_another_segment_erased_its_person_raises_nothing() {
        onAnotherSegment(() -> projection.on(erased(MasterPatientId.of("mp-1"), RECORD)));

        inBatch(() -> {
            projection.on(observation("k1", "m1", Concept.of("LN", "2823-3", "Potassium"), "6.5", "mmol/L", AT),
                    token(10));
            projection.on(allergy("al1", "91936005", "Allergy to penicillin"), token(11));
            projection.on(medication("rx1", "308182", "Amoxicillin 250 MG Oral Capsule"), token(12));
        });

        assertThat(documentsNaming(db, RECORD.value())).isEmpty();
    }

    @Test
    void an_alert_raised_while_another_segment_erases_its_person_is_taken_back_at_the_end_of_the_batch() {
        AlertProjection otherSegment = new AlertProjection(db, new Terminology(TerminologySource.classpath()),
                AlertProperties.defaults());

        inBatch(() -> {
            projection.on(observation("k1", "m1", Concept.of("LN", "2823-3", "Potassium"), "6.5", "mmol/L", AT),
                    token(10));
            onAnotherSegment(() -> otherSegment.on(erased(MasterPatientId.of("mp-1"), RECORD)));
        });

        assertThat(documentsNaming(db, RECORD.value())).isEmpty();
    }

    private List<Document> alerts() {
        return db.getCollection(AlertCollections.ALERTS).find().into(new ArrayList<>());
    }
}
