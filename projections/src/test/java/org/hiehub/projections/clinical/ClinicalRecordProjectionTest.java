package org.hiehub.projections.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.clinical.ClinicalFixtures.RECORD;
import static org.hiehub.projections.clinical.ClinicalFixtures.accepted;
import static org.hiehub.projections.clinical.ClinicalFixtures.glucose;
import static org.hiehub.projections.clinical.ClinicalFixtures.observation;
import static org.hiehub.projections.clinical.ClinicalFixtures.time;
import static org.hiehub.projections.clinical.ClinicalFixtures.token;
import static org.hiehub.projections.support.ErasureFixtures.documentsNaming;
import static org.hiehub.projections.support.ErasureFixtures.erased;
import static org.hiehub.projections.support.ErasureFixtures.onAnotherSegment;

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
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.DischargeCancelled;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterEnded;
import org.hiehub.api.clinical.EncounterTransferred;
import org.hiehub.api.clinical.TransferCancelled;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.projections.support.ViewText;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.terminology.TerminologySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection as a plain object: call its handlers, then look at what it wrote. */
class ClinicalRecordProjectionTest {

    static final Instant DAY1 = Instant.parse("2026-01-01T08:00:00Z");
    static final Instant DAY2 = DAY1.plusSeconds(86_400);
    static final Instant DAY3 = DAY2.plusSeconds(86_400);

    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    ClinicalRecordProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new ClinicalRecordProjection(db, new Terminology(TerminologySource.classpath()));
        projection.on(accepted("m1", "LAB@GHH", DAY3));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void a_blood_pressure_panel_gives_systolic_and_diastolic_results_with_their_own_trend() {
        projection.on(ClinicalFixtures.bloodPressure("bp1", DAY1, "150", "95"));
        projection.on(ClinicalFixtures.bloodPressure("bp2", DAY2, "128", "82"));

        Document systolic = labs().stream().filter(l -> "8480-6".equals(l.get("code", Document.class)
                .getString("code"))).findFirst().orElseThrow();
        assertThat(systolic.get("latest", Document.class).getDouble("value")).isEqualTo(128.0);
        assertThat(systolic.get("latest", Document.class).getString("factId")).isEqualTo("bp2/c0");
        assertThat(systolic.get("previous", Document.class).getString("factId")).isEqualTo("bp1/c0");
        assertThat(systolic.getString("trend")).isEqualTo("down");
        assertThat(labs()).extracting(l -> l.get("code", Document.class).getString("code"))
                .containsExactlyInAnyOrder("85354-9", "8480-6", "8462-4");
    }

    @Test
    void the_latest_glucose_keeps_the_previous_value_a_trend_and_converted_units() {
        projection.on(glucose("f1", "m1", "90", DAY1));
        projection.on(glucose("f2", "m1", "180.156", DAY2));

        Document lab = labs().get(0);
        assertThat(lab.get("code", Document.class).getString("code")).isEqualTo("2345-7");
        Document latest = lab.get("latest", Document.class);
        assertThat(latest.getDouble("value")).isEqualTo(10.0);
        assertThat(latest.getString("unit")).isEqualTo("mmol/L");
        assertThat(latest.getString("valueAsSent")).isEqualTo("180.156");
        assertThat(latest.getBoolean("abnormal")).isTrue();
        assertThat(lab.get("previous", Document.class).getString("factId")).isEqualTo("f1");
        assertThat(lab.getString("trend")).isEqualTo("up");
        assertThat(lab.getString("mappingVersion")).isEqualTo("v2");
    }

    @Test
    void a_result_of_megabytes_of_text_is_kept_in_the_view_as_its_first_characters_and_its_length() {
        String pdf = "JVBERi0xLjQK".repeat(300_000); // 3.6 million characters of base64

        projection.on(ClinicalFixtures.report("f1", "m1", pdf, DAY1));

        Document latest = labs().get(0).get("latest", Document.class);
        assertThat(latest.getString("valueAsSent")).hasSize(ViewText.MAX_CHARS).isEqualTo(pdf.substring(0, 4096));
        assertThat(latest.getInteger("valueAsSentLength")).isEqualTo(pdf.length());
    }

    @Test
    void a_late_arriving_older_result_does_not_overwrite_the_newer_latest_value() {
        projection.on(glucose("f3", "m1", "80", DAY3));
        projection.on(glucose("f1", "m1", "120", DAY1));
        projection.on(glucose("f2", "m1", "100", DAY2));

        Document lab = labs().get(0);
        assertThat(lab.get("latest", Document.class).getString("factId")).isEqualTo("f3");
        assertThat(lab.get("previous", Document.class).getString("factId")).isEqualTo("f2");
        assertThat(lab.getString("trend")).isEqualTo("down");
    }

    @Test
    void results_of_one_batch_are_filed_together_as_if_one_by_one() {
        projection.on(glucose("f2", "m1", "100", DAY2));

        inOneBatch(() -> {
            projection.on(glucose("f1", "m1", "120", DAY1));
            projection.on(glucose("f3", "m1", "80", DAY3));
            projection.on(glucose("f3", "m1", "80", DAY3));
            projection.on(observation("f4", "m1", Concept.of("http://loinc.org", "2160-0", "Creatinine"), "0.9", "mg/dL",
                    DAY1));
        });

        assertThat(labs()).hasSize(2);
        Document glucose = labs().stream().filter(d -> d.getString("_id").endsWith("2345-7")).findFirst().orElseThrow();
        assertThat(glucose.get("latest", Document.class).getString("factId")).isEqualTo("f3");
        assertThat(glucose.get("previous", Document.class).getString("factId")).isEqualTo("f2");
        assertThat(glucose.getString("trend")).isEqualTo("down");
        assertThat(glucose.get("_rev", Number.class).longValue()).as("one write for the batch").isEqualTo(1);
    }

    @Test
    void a_redelivered_result_changes_nothing() {
        projection.on(glucose("f1", "m1", "90", DAY1));
        projection.on(glucose("f2", "m1", "90", DAY2));
        Document before = labs().get(0);

        projection.on(glucose("f1", "m1", "90", DAY1));
        projection.on(glucose("f2", "m1", "90", DAY2));

        assertThat(labs()).containsExactly(before);
        assertThat(before.getString("trend")).isEqualTo("stable");
    }

    @Test
    void hl7_and_fhir_spellings_of_the_same_loinc_code_share_one_latest_value() {
        projection.on(glucose("f1", "m1", "90", DAY1));
        projection.on(observation("f2", "m1", Concept.of("http://loinc.org", "2345-7", null), "5", "mmol/L", DAY2));

        assertThat(labs()).hasSize(1);
        assertThat(labs().get(0).getString("trend")).isEqualTo("up"); // 90 mg/dL is 4.99568 mmol/L
    }

    @Test
    void an_unmapped_local_code_is_kept_as_sent_and_flagged_unmapped() {
        projection.on(observation("f1", "m1", Concept.of("L", "GLU", "Glucose"), "126", "mg/dL", DAY1));

        Document code = labs().get(0).get("code", Document.class);
        assertThat(code.getString("code")).isEqualTo("GLU");
        assertThat(code.getBoolean("mapped")).isFalse();
        assertThat(labs().get(0).get("latest", Document.class).getString("unit")).isEqualTo("mg/dL");
    }

    @Test
    void an_encounter_end_that_arrives_before_its_start_is_kept() {
        projection.on(new EncounterEnded(RECORD, "e2", "m1", "V1", time(DAY2), "home"), token(2));
        projection.on(new EncounterStarted(RECORD, "e1", "m1", "V1", "inpatient", null, "in-progress",
                time(DAY1), null, "ward 3", null, null), token(1));

        Document encounter = db.getCollection(ClinicalCollections.ENCOUNTERS).find().first();
        assertThat(encounter.getString("start")).isEqualTo(DAY1.toString());
        assertThat(encounter.getString("end")).isEqualTo(DAY2.toString());
        assertThat(encounter.getString("sourceSystem")).isEqualTo("LAB@GHH");
    }

    @Test
    void a_cancelled_discharge_reopens_the_visit_whichever_order_the_words_are_met_in() {
        EncounterStarted admitted = new EncounterStarted(RECORD, "e1", "m1", "V1", "inpatient", null, "in-progress",
                time(DAY1), null, "ward 3", null, null);
        EncounterEnded discharged = new EncounterEnded(RECORD, "e2", "m2", "V1", time(DAY2), "home");
        DischargeCancelled withdrawn = new DischargeCancelled(RECORD, "e3", "m3", "V1", time(DAY2));
        EncounterEnded dischargedAgain = new EncounterEnded(RECORD, "e4", "m4", "V1", time(DAY2.plusSeconds(7_200)),
                "rehab");

        projection.on(admitted, token(1));
        projection.on(discharged, token(2));
        projection.on(withdrawn, token(3));
        assertThat(encounter().getString("end")).as("in progress again").isNull();
        assertThat(encounter().getString("dischargeCancelFactId")).isEqualTo("e3");

        projection.on(discharged, token(2)); // an earlier word met late (another segment, a re-delivery)
        assertThat(encounter().getString("end")).as("the later cancellation stands").isNull();

        projection.on(dischargedAgain, token(4));
        assertThat(encounter().getString("end")).isEqualTo(DAY2.plusSeconds(7_200).toString());
        assertThat(encounter().getString("dischargeDisposition")).isEqualTo("rehab");
        projection.on(withdrawn, token(3));
        assertThat(encounter().getString("end")).as("the later discharge stands").isEqualTo(
                DAY2.plusSeconds(7_200).toString());
        assertThat(encounter().getString("dischargeCancelFactId")).isNull();
    }

    @Test
    void a_cancelled_admission_is_kept_marked_and_left_out_of_the_summary_until_admitted_again_later() {
        EncounterStarted admitted = new EncounterStarted(RECORD, "e1", "m1", "V1", "inpatient", null, "in-progress",
                time(DAY1), null, "ward 3", null, null);
        EncounterCancelled cancelled = new EncounterCancelled(RECORD, "e2", "m2", "V1", time(DAY2));

        projection.on(cancelled, token(2)); // met before the admission it cancels
        projection.on(admitted, token(1));

        assertThat(SummarySelection.cancelled(encounter())).isTrue();
        assertThat(encounter().getString("start")).isEqualTo(DAY1.toString());
        assertThat(encounter().getString("cancelledAt")).isEqualTo(DAY2.toString());
        assertThat(recordSummary(RECORD.value()).getList("encounters", Document.class)).isEmpty();

        projection.on(new EncounterStarted(RECORD, "e3", "m3", "V1", "inpatient", null, "in-progress",
                time(DAY2), null, "ward 5", null, null), token(3));
        assertThat(SummarySelection.cancelled(encounter())).as("admitted again after the cancellation").isFalse();
        assertThat(recordSummary(RECORD.value()).getList("encounters", Document.class))
                .extracting(SummarySelection::location).containsExactly("ward 5");
        projection.on(cancelled, token(2));
        assertThat(SummarySelection.cancelled(encounter())).as("an earlier cancellation met again").isFalse();
    }

    @Test
    void a_transfer_moves_the_visit_and_its_cancellation_moves_it_back_the_latest_in_the_log_standing() {
        projection.on(new EncounterTransferred(RECORD, "e2", "m2", "V1", "ICU^4", "ward 3", time(DAY2)), token(2));
        projection.on(new EncounterStarted(RECORD, "e1", "m1", "V1", "inpatient", null, "in-progress",
                time(DAY1), null, "ward 3", null, null), token(1)); // the admission met after its transfer
        assertThat(SummarySelection.location(encounter())).isEqualTo("ICU^4");
        assertThat(encounter().getString("priorLocation")).isEqualTo("ward 3");

        projection.on(new TransferCancelled(RECORD, "e3", "m3", "V1", "ward 3", time(DAY2)), token(3));
        assertThat(SummarySelection.location(encounter())).isEqualTo("ward 3");
        projection.on(new EncounterTransferred(RECORD, "e2", "m2", "V1", "ICU^4", "ward 3", time(DAY2)), token(2));
        assertThat(SummarySelection.location(encounter())).as("the cancellation is the later word")
                .isEqualTo("ward 3");
        assertThat(recordSummary(RECORD.value()).getList("encounters", Document.class))
                .extracting(SummarySelection::location).containsExactly("ward 3");
        projection.on(new EncounterStarted(RECORD, "e4", "m4", "V1", "inpatient", null, "in-progress",
                time(DAY2), null, "ward 9", null, null), token(4));
        assertThat(SummarySelection.location(encounter())).as("admitted again after the transfers").isEqualTo(
                "ward 9");
    }

    private Document encounter() {
        return db.getCollection(ClinicalCollections.ENCOUNTERS).find().first();
    }


    @Test
    void a_resolved_problem_and_a_stopped_medication_are_stored_but_not_active() {
        ClinicalTime onset = time(DAY1);
        projection.on(new ConditionRecorded(RECORD, "c1", "m1", Concept.of("SCT", "44054006", "Diabetes"), null,
                "active", "confirmed", onset, null, null, null));
        projection.on(new ConditionRecorded(RECORD, "c2", "m1", Concept.of("SCT", "10509002", "Bronchitis"), null,
                "resolved", "confirmed", onset, time(DAY2), null, null));
        projection.on(new MedicationRecorded(RECORD, "rx1", "m1", "REQUEST", Concept.of("RXNORM", "860975",
                "Metformin"), "stopped", "order", onset, null, null, null, null, null));

        List<Document> facts = db.getCollection(ClinicalCollections.FACTS).find().into(new ArrayList<>());
        assertThat(facts).extracting(f -> f.getString("_id") + ":" + f.getBoolean("active"))
                .containsExactlyInAnyOrder("c1:true", "c2:false", "rx1:false");
        assertThat(facts.get(0).get("code", Document.class).getString("system")).isEqualTo("http://snomed.info/sct");
    }

    @Test
    void a_reset_clears_everything_the_projection_owns() {
        projection.on(glucose("f1", "m1", "90", DAY1));
        projection.reset();
        assertThat(labs()).isEmpty();
        assertThat(db.getCollection(ClinicalCollections.MESSAGES).countDocuments()).isZero();
    }

    @Test
    void facts_a_segment_reaches_after_another_segment_erased_their_person_stay_out() {
        onAnotherSegment(() -> projection.on(erased(MasterPatientId.of("mp-1"), RECORD)));

        inOneBatch(() -> {
            projection.on(glucose("f1", "m1", "90", DAY1));
            projection.on(new ConditionRecorded(RECORD, "c1", "m1", Concept.of("SCT", "44054006", "Diabetes"), null,
                    "active", "confirmed", time(DAY1), null, null, null));
        });

        assertThat(documentsNaming(db, RECORD.value())).isEmpty();
    }

    @Test
    void facts_written_while_another_segment_erases_their_person_are_taken_back_at_the_end_of_the_batch() {
        ClinicalRecordProjection otherSegment = new ClinicalRecordProjection(db,
                new Terminology(TerminologySource.classpath()));

        inOneBatch(() -> {
            projection.on(glucose("f1", "m1", "90", DAY1));
            onAnotherSegment(() -> otherSegment.on(erased(MasterPatientId.of("mp-1"), RECORD)));
        });

        assertThat(documentsNaming(db, RECORD.value())).isEmpty();
    }

    @Test
    void a_batch_that_touches_several_records_rebuilds_each_records_summary_from_its_own_facts_only() {
        SourceRecordId other = SourceRecordId.of("sr-lab-2");
        projection.on(glucose("f0", "m1", "95", DAY1));

        inOneBatch(() -> {
            projection.on(glucose("f1", "m1", "90", DAY2));
            projection.on(new ConditionRecorded(RECORD, "c1", "m1", Concept.of("SCT", "44054006", "Diabetes"), null,
                    "active", "confirmed", time(DAY1), null, null, null));
            projection.on(new EncounterStarted(other, "e1", "m1", "V1", "inpatient", null, "in-progress",
                    time(DAY1), null, "ward 3", null, null), null);
            projection.on(new ConditionRecorded(other, "c2", "m1", Concept.of("SCT", "10509002", "Bronchitis"), null,
                    "active", "confirmed", time(DAY2), null, null, null));
        });

        Document mine = recordSummary(RECORD.value());
        assertThat(mine.getList("labs", Document.class)).extracting(l -> l.get("latest", Document.class)
                .getString("factId")).containsExactly("f1");
        assertThat(mine.getList("facts", Document.class)).extracting(f -> f.getString("_id")).containsExactly("c1");
        assertThat(mine.getList("encounters", Document.class)).isEmpty();
        assertThat(mine.get(RecordSummaries.BUILT_FROM)).isEqualTo(mine.get(RecordSummaries.TOUCHED));
        Document theirs = recordSummary(other.value());
        assertThat(theirs.getList("labs", Document.class)).isEmpty();
        assertThat(theirs.getList("facts", Document.class)).extracting(f -> f.getString("_id"))
                .containsExactly("c2");
        assertThat(theirs.getList("encounters", Document.class)).extracting(e -> e.getString("_id"))
                .hasSize(1);
        assertThat(theirs.get(RecordSummaries.BUILT_FROM)).isEqualTo(theirs.get(RecordSummaries.TOUCHED));
    }

    @Test
    void facts_of_a_person_another_process_erased_after_this_one_started_are_taken_back_at_the_end_of_the_batch() {
        projection.on(glucose("f0", "m9", "90", DAY1)); // this process has read the tombstones by now
        ClinicalRecordProjection otherProcess = new ClinicalRecordProjection(db,
                new Terminology(TerminologySource.classpath()));
        otherProcess.on(erased(MasterPatientId.of("mp-1"), RECORD));

        inOneBatch(() -> projection.on(glucose("f1", "m1", "90", DAY2)));

        assertThat(documentsNaming(db, RECORD.value())).isEmpty();
    }

    private Document recordSummary(String sourceRecordId) {
        return db.getCollection(ClinicalCollections.RECORD_SUMMARIES).find(new Document("_id", sourceRecordId))
                .first();
    }

    private static void inOneBatch(Runnable events) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        events.run();
        batch.commit();
    }

    private List<Document> labs() {
        return db.getCollection(ClinicalCollections.LATEST_LABS).find().into(new ArrayList<>());
    }
}
