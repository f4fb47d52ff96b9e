package org.hiehub.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.clinical.ClinicalFixtures.RECORD;
import static org.hiehub.projections.clinical.ClinicalFixtures.accepted;
import static org.hiehub.projections.clinical.ClinicalFixtures.glucose;
import static org.hiehub.projections.support.ErasureFixtures.documentsNaming;
import static org.hiehub.projections.support.ErasureFixtures.inBatch;
import static org.hiehub.projections.support.ErasureFixtures.onAnotherSegment;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.clinical.ClinicalFixtures;
import org.hiehub.projections.support.ErasureFixtures;
import org.hiehub.projections.support.ViewText;
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
    void a_result_of_megabytes_of_text_is_an_entry_with_its_first_characters_and_its_length() {
        String pdf = "JVBERi0xLjQK".repeat(300_000);

        projection.on(ClinicalFixtures.report("f1", "m1", pdf, RECEIVED));
        projection.on(glucose("f2", "m1", "90", RECEIVED));

        Document report = entries().stream().filter(e -> e.getString("_id").equals("f1")).findFirst().orElseThrow();
        assertThat(report.getString("value")).isEqualTo(pdf.substring(0, ViewText.MAX_CHARS));
        assertThat(report.getInteger("valueLength")).isEqualTo(pdf.length());
        Document glucose = entries().stream().filter(e -> e.getString("_id").equals("f2")).findFirst().orElseThrow();
        assertThat(glucose.containsKey("valueLength")).isFalse();
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
    void an_immunization_entry_keeps_the_details_sent_and_leaves_out_the_rest() {
        projection.on(new ImmunizationRecorded(RECORD, "i1", "m1", Concept.of("CVX", "140", "Influenza"),
                "completed", null, "L-1", null, new ImmunizationDetails(
                        new Measurement("999", null, null, null, null, null), null, null,
                        new Concept(List.of(), "Acme Vaccines"), null, false, Concept.of("NIP001", "01", "Historical"),
                        new ClinicalTime("202612", null, null, "month")), "ORD-7^EHR"));

        Document entry = entries().get(0);
        assertThat(entry.get("doseIdentity", Document.class)).as("what a withdrawal names it by")
                .isEqualTo(new Document("id", "ORD-7^EHR").append("on", null));
        assertThat(entry.getString("lotNumber")).isEqualTo("L-1");
        assertThat(entry.get("dose", Document.class).getString("valueAsSent")).isEqualTo("999");
        assertThat(entry.get("dose", Document.class).getString("value")).isNull();
        assertThat(entry.get("manufacturer", Document.class).getString("display")).isEqualTo("Acme Vaccines");
        assertThat(entry.getBoolean("primarySource")).isFalse();
        assertThat(entry.get("reportOrigin", Document.class).getString("code")).isEqualTo("01");
        assertThat(entry.getString("expiration")).as("to the month it was sent with").isEqualTo("2026-12");
        assertThat(entry).doesNotContainKeys("route", "site", "statusReason");
    }

    @Test
    void a_value_past_the_measurable_range_keeps_its_comparator_and_a_coded_value_its_code() {
        projection.on(new ObservationRecorded(RECORD, "f1", "m1", Concept.of("LN", "2345-7", "Glucose"), "SN",
                new Measurement(">^600", new BigDecimal("600"), ">", "mg/dL", null, null), null, null, "70-99", "H",
                "F", ClinicalFixtures.time(RECEIVED), null, null, null, null, null, null, null));
        projection.on(new ObservationRecorded(RECORD, "f2", "m1", Concept.of("LN", "600-7", "Culture"), "CWE", null,
                Concept.of("SCT", "112283007", "Escherichia coli"), null, null, null, "F",
                ClinicalFixtures.time(RECEIVED), null, null, null, null, null, null, null));

        Document glucose = entries().stream().filter(e -> e.getString("_id").equals("f1")).findFirst().orElseThrow();
        assertThat(glucose.getString("comparator")).isEqualTo(">");
        assertThat(glucose.getString("unit")).isEqualTo("mmol/L");
        Document culture = entries().stream().filter(e -> e.getString("_id").equals("f2")).findFirst().orElseThrow();
        assertThat(culture.getString("value")).isEqualTo("Escherichia coli");
        assertThat(culture.get("valueCode", Document.class).getString("code")).isEqualTo("112283007");
        assertThat(culture.containsKey("comparator")).isFalse();
    }

    @Test
    void a_panel_entry_lists_its_components_with_their_codes_and_values() {
        projection.on(ClinicalFixtures.bloodPressure("bp1", RECEIVED, "128", "82"));

        List<Document> parts = entries().get(0).getList("components", Document.class);
        assertThat(parts).extracting(p -> p.get("code", Document.class).getString("code") + "="
                + p.getString("value") + " " + p.getString("unit")).containsExactly("8480-6=128 mm[Hg]",
                "8462-4=82 mm[Hg]");
    }

    @Test
    void an_encounter_sent_finished_keeps_its_end_on_its_entry() {
        projection.on(new EncounterStarted(RECORD, "e1", "m1", "V1", "IMP", null, "finished",
                ClinicalFixtures.time(RECEIVED), ClinicalFixtures.time(RECEIVED.plusSeconds(3_600)), null, null, null),
                null);

        assertThat(entries().get(0).getString("end")).isEqualTo(RECEIVED.plusSeconds(3_600).toString());
    }

    @Test
    void a_boolean_result_keeps_its_type_for_the_fhir_facade() {
        projection.on(new ObservationRecorded(RECORD, "s1", "m1", Concept.of("LN", "45404-1", "Smoker"), "boolean",
                null, null, "true", null, null, "final", ClinicalFixtures.time(RECEIVED), null, null, null, null, null,
                null, null));

        assertThat(entries().get(0).getString("valueType")).isEqualTo("boolean");
        assertThat(entries().get(0).getString("value")).isEqualTo("true");
    }

    @Test
    void an_hl7_titre_keeps_its_structured_numeric_type_for_the_fhir_facade() {
        projection.on(new ObservationRecorded(RECORD, "t1", "m1", Concept.of("LN", "5196-1", "HBsAg titre"), "SN",
                null, null, "^1^:^128", null, null, "F", ClinicalFixtures.time(RECEIVED), null, null, null, null, null,
                null, null));

        assertThat(entries().get(0).getString("valueType")).isEqualTo("SN");
        assertThat(entries().get(0).getString("value")).isEqualTo("^1^:^128");
    }

    @Test
    void a_result_dated_to_its_month_only_is_placed_at_the_month_start_not_at_its_receipt() {
        projection.on(new ImmunizationRecorded(RECORD, "i1", "m1", Concept.of("CVX", "140", "Influenza"),
                "completed", new ClinicalTime("202609", null, null, "month"), null, null));

        assertThat(entries().get(0).getString("time")).isEqualTo("2026-09-01T00:00:00Z");
    }

    @Test
    void a_reset_clears_the_timeline() {
        projection.on(glucose("f1", "m1", "90", RECEIVED));
        projection.reset();
        assertThat(entries()).isEmpty();
    }

    /**
     * A rebuild with two segments: the master patient's stream (PersonErased) and the message's stream (the facts)
     * are in different segments, and nothing orders one before the other. Here the erasure's segment gets there
     * first, in a batch of its own; the facts' segment follows with the facts, one batch after another.
     */
    @Test
    void facts_a_segment_reaches_after_another_segment_erased_their_person_stay_out() {
        projection.on(glucose("f1", "m1", "90", RECEIVED));

        inBatch(() -> projection.on(erased(RECORD)));
        inBatch(() -> projection.on(glucose("f2", "m1", "91", RECEIVED)));
        projection.on(glucose("f3", "m1", "92", RECEIVED));

        assertThat(entries()).isEmpty();
        assertThat(db.getCollection(TimelineCollections.RECORD_INDEX).find().into(new ArrayList<>())).isEmpty();
        assertThat(db.getCollection(TimelineCollections.KEYS).find().into(new ArrayList<>())).isEmpty();
        assertThat(documentsNaming(db, RECORD.value())).as("a tombstone holds a digest, not the record id").isEmpty();
    }

    @Test
    void an_erasure_on_a_version_written_before_day_buckets_takes_its_entries_too() {
        // the index of that format listed every entry id of a record under "entries"
        db.getCollection(TimelineCollections.ENTRIES).insertOne(new Document("_id", "old-1")
                .append("sourceRecordId", RECORD.value()).append("t", 0L).append("type", "observation"));
        db.getCollection(TimelineCollections.RECORD_INDEX).insertOne(new Document("_id", RECORD.value())
                .append(TimelineKeys.LEGACY, List.of("old-1")));
        projection.on(glucose("f1", "m1", "90", RECEIVED));

        projection.on(erased(RECORD));

        assertThat(entries()).isEmpty();
        assertThat(db.getCollection(TimelineCollections.KEYS).find().into(new ArrayList<>())).isEmpty();
    }

    @Test
    void facts_pending_in_a_batch_while_another_segment_erases_their_person_are_not_written() {
        TimelineProjection otherSegment = new TimelineProjection(ReadModelScope.unversioned(db),
                new Terminology(TerminologySource.classpath()));
        SourceRecordId bystander = SourceRecordId.of("sr-lab-2");

        inBatch(() -> {
            projection.on(glucose("f1", "m1", "90", RECEIVED));
            projection.on(observation("f2", bystander));
            onAnotherSegment(() -> otherSegment.on(erased(RECORD)));
        });

        assertThat(entries()).extracting(e -> e.getString("_id")).containsExactly("f2");
    }

    @Test
    void a_reset_clears_the_tombstones_too_so_a_replay_starts_from_the_log_alone() {
        projection.on(erased(RECORD));
        projection.reset();
        projection.on(accepted("m1", "LAB@GHH", RECEIVED));
        projection.on(glucose("f1", "m1", "90", RECEIVED));

        assertThat(entries()).hasSize(1);
    }

    private static PersonErased erased(SourceRecordId record) {
        return ErasureFixtures.erased(MasterPatientId.of("mp-1"), record);
    }

    private ObservationRecorded observation(String factId, SourceRecordId record) {
        ObservationRecorded glucose = glucose(factId, "m1", "90", RECEIVED);
        return new ObservationRecorded(record, glucose.factId(), glucose.messageKey(), glucose.code(),
                glucose.valueType(), glucose.quantity(), glucose.valueConcept(), glucose.valueText(),
                glucose.referenceRange(), glucose.abnormalFlag(), glucose.status(), glucose.effective(),
                glucose.issued(), glucose.performer(), glucose.orderId(), glucose.orderCode(), glucose.encounterId(),
                glucose.category(), glucose.note());
    }

    private List<Document> entries() {
        return db.getCollection(TimelineCollections.ENTRIES).find().into(new ArrayList<>());
    }
}
