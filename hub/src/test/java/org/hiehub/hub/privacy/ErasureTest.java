package org.hiehub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.AcknowledgmentCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.hl7v2.AckBuilder;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasure end to end: a person fed by HL7 v2 (ADT, ORU with a critical value, a refused message) and one fed by a
 * FHIR bundle are erased; every read is absent, the command side's clear-text stores hold nothing of them, their
 * events stay but read back without personal data, and a rebuild of every projection does not bring them back.
 */
@HubIntegrationTest
class ErasureTest {

    static final String SYNTHEA_ID = "d49945ce-9f8c-4974-80e3-0b38054dd45d";
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MongoDatabase readStore;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventPositions positions;
    @Autowired
    IngestionService ingestion;
    HubClient hub;
    String run;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void an_erased_person_is_absent_everywhere_and_stays_absent_after_a_rebuild_of_every_projection()
            throws IOException {
        Person hl7 = ingestByHl7();
        Person fhir = ingestByFhir();
        Person bystander = ingestByHl7();

        erase(hl7);
        erase(fhir);

        for (Person erased : List.of(hl7, fhir)) {
            awaitAbsentFromReads(erased);
            assertCommandSideForgot(erased);
            assertEventsRemainWithoutPersonalData(erased);
        }
        assertThat(readStoreHolds(hl7)).isEmpty();
        assertThat(readStoreHolds(fhir)).isEmpty();
        assertThat(hub.get("/api/patients/" + bystander.masterPatientId).status()).isEqualTo(200);

        rebuildEveryProjection();

        assertThat(readStoreHolds(hl7)).as("after a rebuild").isEmpty();
        assertThat(readStoreHolds(fhir)).as("after a rebuild").isEmpty();
        assertThat(hub.get("/api/patients/" + hl7.masterPatientId).status()).isEqualTo(404);
        assertThat(hub.get("/api/patients/" + fhir.masterPatientId).status()).isEqualTo(404);
        assertThat(hub.get("/api/patients/" + bystander.masterPatientId).json().path("sourceRecords"))
                .as("the bystander is rebuilt").isNotEmpty();
        assertThat(hub.get("/api/patients/" + bystander.masterPatientId + "/alerts").json().path("alerts"))
                .hasSize(2);
    }

    @Test
    void a_person_sent_again_after_their_erasure_is_a_new_record_that_shows_nothing_of_before() {
        Person erased = ingestByHl7();
        erase(erased);
        awaitAbsentFromReads(erased);

        // the sender re-sends its admission (same control id, new MSH-7): a duplicate, as it was before the erasure
        String birthDate = TestPeople.birthDate().replace("-", "");
        String resent = "MSH|^~\\&|ADT|ACME_LAB|HIEHUB|HIE|20261101080000||ADT^A01^ADT_A01|A-" + erased.mrn
                + "|P|2.5.1\r" + "EVN|A01|20260510090000\r" + pid(erased.mrn, erased.family, birthDate);
        assertThat(hl7(resent).body()).contains("MSA|AA");
        assertThat(jdbc.queryForObject("select count(*) from raw_message where position(? in payload) > 0",
                Long.class, (Object) erased.mrn.getBytes(StandardCharsets.UTF_8))).as("nothing written back").isZero();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where position(? in payload) > 0",
                Long.class, (Object) erased.mrn.getBytes(StandardCharsets.UTF_8))).isZero();

        // a new visit: the hospital sends the same MRN again, then a result for it
        String adt = "MSH|^~\\&|ADT|ACME_LAB|HIEHUB|HIE|20261101090000||ADT^A01^ADT_A01|B-" + erased.mrn
                + "|P|2.5.1\r" + "EVN|A01|20261101090000\r" + pid(erased.mrn, erased.family, birthDate)
                + "PV1|1|I|4E^402^A^ACME||||||||||||||||W-" + erased.mrn + "|||||||||||||||||||||||||20261101085500\r";
        String oru = "MSH|^~\\&|LIS|ACME_LAB|HIEHUB|HIE|20261101100000||ORU^R01^ORU_R01|C-" + erased.mrn
                + "|P|2.5.1\r" + pid(erased.mrn, erased.family, birthDate)
                + "OBR|1||ORE-" + erased.mrn + "|24323-8^Comprehensive metabolic panel^LN|||20261101094500\r"
                + "OBX|1|NM|2951-2^Sodium [Moles/volume] in Serum or Plasma^LN||140|mmol/L|135-145|N|||F|||"
                + "20261101094500\r";
        assertThat(hl7(adt).body()).contains("MSA|AA");
        assertThat(hl7(oru).body()).contains("MSA|AA");

        long position = positions.head();
        JsonNode found = await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients?identifier="
                + erased.identifierQuery + "&minPosition=" + position).json().at("/patients/0"),
                n -> !n.isMissingNode());
        String returned = found.path("masterPatientId").asText();
        List<String> records = records(found);
        assertThat(returned).as("a new master patient").isNotEqualTo(erased.masterPatientId);
        assertThat(records).as("one new record, the result filed under it too").singleElement()
                .isNotIn(erased.records);
        JsonNode labs = await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients/" + returned
                + "/timeline?type=observation&minPosition=" + position).json().path("entries"), e -> e.size() > 0);
        assertThat(labs).as("the sodium of the new visit, not the erased potassium").singleElement()
                .satisfies(e -> assertThat(e.path("value").asText()).isEqualTo("140"));
        assertThat(hub.get("/api/patients/" + erased.masterPatientId).status()).isEqualTo(404);
        assertEventsRemainWithoutPersonalData(erased);
        assertThat(count("select count(*) from mpi_erased_record where source_record_id = any(?)",
                erased.records.toArray(String[]::new))).isEqualTo(erased.records.size());
    }

    @Test
    void a_message_received_before_the_erasure_and_processed_after_it_is_refused_and_not_kept() {
        Instant queuedAt = Instant.now(); // e.g. in a background batch still waiting for the worker
        Person erased = ingestByHl7();
        erase(erased);
        String oru = "MSH|^~\\&|LIS|ACME_LAB|HIEHUB|HIE|20261101100000||ORU^R01^ORU_R01|Q-" + erased.mrn
                + "|P|2.5.1\r" + pid(erased.mrn, erased.family, TestPeople.birthDate().replace("-", ""))
                + "OBR|1||ORQ-" + erased.mrn + "|24323-8^Comprehensive metabolic panel^LN|||20261101094500\r"
                + "OBX|1|NM|2951-2^Sodium [Moles/volume] in Serum or Plasma^LN||141|mmol/L|135-145|N|||F\r";

        IngestOutcome queued = ingestion.ingest(new InboundMessage(MessageFormat.HL7V2, "http-batch", "test",
                oru.getBytes(StandardCharsets.UTF_8), queuedAt));
        IngestOutcome later = ingestion.ingest(new InboundMessage(MessageFormat.HL7V2, "http", "test",
                oru.replace("|Q-", "|L-").getBytes(StandardCharsets.UTF_8), Instant.now()));

        assertThat(queued.status()).isEqualTo(IngestOutcome.Status.REJECTED);
        assertThat(queued.reason()).contains("erased after the hub received it");
        assertThat(queued.deadLetterId()).as("not even a dead letter").isNull();
        assertThat(AckBuilder.code(queued)).isEqualTo(AcknowledgmentCode.AR);
        assertThat(later.status()).as("received after the erasure: a new record").isEqualTo(
                IngestOutcome.Status.ACCEPTED);
        assertThat(jdbc.queryForObject("select count(*) from raw_message where position(? in payload) > 0",
                Long.class, (Object) ("|Q-" + erased.mrn).getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where position(? in payload) > 0",
                Long.class, (Object) erased.mrn.getBytes(StandardCharsets.UTF_8))).isZero();
    }

    @Test
    void a_bulk_export_sent_again_after_an_erasure_files_the_later_results_under_the_new_record() {
        String sender = "ERASURE_BULK_" + run;
        String family = TestPeople.family();
        String patient = """
                {"resourceType":"Patient","id":"p-%s","identifier":[{"system":"urn:erasure:mrn","value":"M-%s"}],\
                "name":[{"family":"%s","given":["Ida"]}],"birthDate":"%s","gender":"female"}"""
                .formatted(run, run, family, TestPeople.birthDate()).replace("\n", "");
        String observation = """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",\
                "code":"8867-4"}]},"subject":{"reference":"Patient/p-%s"},"effectiveDateTime":"2026-11-20T10:00:00Z",\
                "valueQuantity":{"value":71,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                .formatted(run).replace("\n", "");
        assertThat(ndjson(patient, sender).status()).isEqualTo(200);
        long before = positions.head();
        JsonNode first = await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients?identifier="
                + "urn:erasure:mrn%7CM-" + run + "&minPosition=" + before).json().at("/patients/0"),
                n -> !n.isMissingNode());
        Person person = new Person(first.path("masterPatientId").asText(), records(first), "M-" + run, family,
                "urn:erasure:mrn%7CM-" + run);
        erase(person);

        HubClient.Response orphan = ndjson(observation, sender);
        assertThat(orphan.status()).as("the Patient it refers to was erased").isEqualTo(400);
        assertThat(orphan.json().at("/issue/0/diagnostics").asText()).contains("nor to one sent before");
        HubClient.Response same = ndjson(patient, sender);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().at("/issue/0/diagnostics").asText()).as("the same file again: nothing written back")
                .contains("nothing new was written");
        String movedSince = patient.replace("\"gender\"", "\"address\":[{\"city\":\"Oslo\"}],\"gender\"");
        HubClient.Response moved = ndjson(movedSince, sender);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        HubClient.Response later = ndjson(observation, sender);
        assertThat(later.status()).as(later.body()).isEqualTo(200);

        long position = positions.head();
        JsonNode found = hub.get("/api/patients?identifier=urn:erasure:mrn%7CM-" + run + "&minPosition=" + position)
                .json().at("/patients/0");
        assertThat(found.path("masterPatientId").asText()).isNotEqualTo(person.masterPatientId);
        assertThat(records(found)).singleElement().isNotIn(person.records);
        assertThat(hub.get("/api/patients/" + found.path("masterPatientId").asText()
                + "/timeline?type=observation&minPosition=" + position).json().path("entries")).hasSize(1);
    }

    @Test
    void a_repeated_request_answers_the_first_erasure_and_the_list_shows_it_once() {
        Person person = ingestByHl7();
        HubClient.Response first = hub.post("/api/privacy/erasures", request(person, "GDPR-17-1-b", "CASE-" + run));
        HubClient.Response again = hub.post("/api/privacy/erasures", request(person, "GDPR-17-1-a", "CASE-2-" + run));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("requestReference").asText()).isEqualTo("CASE-" + run);
        assertThat(first.json().path("requestedBy").asText()).isEqualTo("test-user");
        List<JsonNode> listed = new ArrayList<>();
        hub.get("/api/privacy/erasures").json().forEach(e -> {
            if (e.path("masterPatientId").asText().equals(person.masterPatientId)) {
                listed.add(e);
            }
        });
        assertThat(listed).singleElement().satisfies(e -> {
            assertThat(e.path("legalBasis").asText()).isEqualTo("GDPR-17-1-b");
            assertThat(e.path("keysDestroyed").asInt()).isEqualTo(1);
        });
        Long erasedEvents = jdbc.queryForObject("select count(*) from domain_event_entry where "
                + "aggregate_identifier = ? and payload_type like '%PersonErased'", Long.class, person.masterPatientId);
        assertThat(erasedEvents).isEqualTo(1);
    }

    @Test
    void only_a_privacy_officer_may_erase_or_list_erasures() {
        Person person = ingestByHl7();
        for (HubRole role : HubRole.values()) {
            if (role == HubRole.PRIVACY_OFFICER) {
                continue;
            }
            HubClient as = new HubClient(port, TestTokens.as("someone", role));
            assertThat(as.post("/api/privacy/erasures", request(person, "GDPR-17-1-b", "C-" + run)).status())
                    .as(role.name()).isEqualTo(403);
            assertThat(as.get("/api/privacy/erasures").status()).isEqualTo(403);
        }
        HubClient officer = new HubClient(port, TestTokens.as("olivia", HubRole.PRIVACY_OFFICER));
        HubClient.Response erased = officer.post("/api/privacy/erasures", request(person, "GDPR-17-1-b", "C-" + run));
        assertThat(erased.status()).as(erased.body()).isEqualTo(201);
        assertThat(erased.json().path("requestedBy").asText()).isEqualTo("olivia");
    }

    @Test
    void an_unknown_master_patient_is_a_404_and_a_request_without_a_basis_a_400() {
        assertThat(hub.post("/api/privacy/erasures", """
                {"masterPatientId":"%s","legalBasis":"GDPR-17-1-a","requestReference":"C-1"}"""
                .formatted(UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(hub.post("/api/privacy/erasures", """
                {"masterPatientId":"%s","requestReference":"C-1"}""".formatted(UUID.randomUUID())).status())
                .isEqualTo(400);
    }

    private void erase(Person person) {
        HubClient.Response response = hub.post("/api/privacy/erasures", request(person, "GDPR-17-1-a", "C-" + run));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("sourceRecords").asInt()).isEqualTo(person.records.size());
    }

    private static String request(Person person, String basis, String reference) {
        return """
                {"masterPatientId":"%s","legalBasis":"%s","requestReference":"%s"}"""
                .formatted(person.masterPatientId, basis, reference);
    }

    private void awaitAbsentFromReads(Person person) {
        String id = person.masterPatientId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(hub.get("/api/patients/" + id).status()).isEqualTo(404);
            assertThat(readStoreHolds(person)).isEmpty();
        });
        assertThat(hub.get("/api/patients/" + id + "/timeline").status()).isEqualTo(404);
        assertThat(hub.get("/api/patients/" + id + "/alerts").status()).isEqualTo(404);
        assertThat(hub.get("/api/patients/" + id + "/care-gaps").status()).isEqualTo(404);
        assertThat(hub.get("/fhir/Patient/" + id).status()).isEqualTo(404);
        assertThat(hub.get("/fhir/Patient/" + id + "/$everything").status()).isEqualTo(404);
        HubClient.Response observations = hub.get("/fhir/Observation?patient=" + id);
        assertThat(observations.status() == 404 || observations.json().path("total").asInt() == 0)
                .as(observations.body()).isTrue();
        assertThat(hub.get("/api/patients?identifier=" + person.identifierQuery).json().path("patients")).isEmpty();
        assertThat(hub.get("/fhir/Patient?family=" + person.family).json().path("total").asInt()).isZero();
        assertThat(hub.get("/api/alerts").body()).doesNotContain(id);
        assertThat(hub.get("/api/mpi/review").body()).doesNotContain(id);
    }

    private void assertCommandSideForgot(Person person) {
        String[] records = person.records.toArray(String[]::new);
        assertThat(count("select count(*) from raw_message_subject where source_record_id = any(?)", records)).isZero();
        assertThat(count("select count(*) from mpi_source_record where source_record_id = any(?)", records)).isZero();
        assertThat(count("select count(*) from mpi_blocking_key where source_record_id = any(?)", records)).isZero();
        assertThat(count("select count(*) from registration_fingerprint where source_record_id = any(?)", records))
                .isZero();
        assertThat(count("select count(*) from sender_patient_id where source_record_id = any(?)", records)).isZero();
        assertThat(count("select count(*) from personal_data_key where subject_id = any(?) and wrapped_key is null",
                records)).isEqualTo(records.length);
        assertThat(jdbc.queryForObject("select count(*) from raw_message where position(? in payload) > 0",
                Long.class, (Object) person.family.getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where position(? in payload) > 0",
                Long.class, (Object) person.mrn.getBytes(StandardCharsets.UTF_8))).isZero();
    }

    private void assertEventsRemainWithoutPersonalData(Person person) {
        for (String record : person.records) {
            List<Object> payloads = eventStore.readEvents(record).asStream().map(m -> (Object) m.getPayload()).toList();
            assertThat(payloads).hasSizeGreaterThan(1);
            SourceRecordRegistered registered = (SourceRecordRegistered) payloads.get(0);
            assertThat(registered.localId()).isNull();
            assertThat(registered.demographics()).isNull();
            payloads.stream().filter(ObservationRecorded.class::isInstance).map(ObservationRecorded.class::cast)
                    .forEach(o -> assertThat(o.note()).isNull());
        }
        Long stored = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = any(?)",
                Long.class, (Object) person.records.toArray(String[]::new));
        assertThat(stored).isGreaterThan(1);
    }

    /** Every read-model document (any collection, any version) that names the person by id, MRN or name. */
    private List<String> readStoreHolds(Person person) {
        List<String> needles = new ArrayList<>(person.records);
        needles.add(person.masterPatientId);
        needles.add(person.mrn);
        needles.add(person.family);
        List<String> found = new ArrayList<>();
        for (String name : readStore.listCollectionNames()) {
            for (Document document : readStore.getCollection(name).find()) {
                String json = document.toJson();
                needles.stream().filter(json::contains).forEach(n -> found.add(name + ": " + n));
            }
        }
        return found;
    }

    private void rebuildEveryProjection() {
        // every read model; the event-chain processor (tamper evidence) is not a view and cannot be reset
        List<String> names = List.of("patient-summary", "timeline", "clinical-record", "alerts", "care-gaps",
                "quality", "mpi-review");
        for (String name : names) {
            HubClient.Response started = hub.post("/api/admin/projections/" + name + "/rebuild?mode=in-place", "{}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
        }
        // the reset happens after the 202: first see every named processor replaying, or an old "caught up" passes
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (JsonNode processor : hub.get("/api/admin/projections").json()) {
                if (names.contains(processor.path("processor").asText())) {
                    assertThat(processor.path("replaying").asBoolean()).as(processor.toString()).isTrue();
                }
            }
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode status = hub.get("/api/admin/projections").json();
            for (JsonNode processor : status) {
                assertThat(processor.path("lag").asLong()).as(processor.toString()).isZero();
                // "replaying" stays true until an event past the reset point arrives: caught up is what counts
                assertThat(processor.path("caughtUp").asBoolean()).as(processor.toString()).isTrue();
            }
        });
    }

    private long count(String sql, String[] records) {
        Long count = jdbc.queryForObject(sql, Long.class, (Object) records);
        return count == null ? 0 : count;
    }

    private Person ingestByHl7() {
        String mrn = "ER-" + run + "-" + UUID.randomUUID().toString().substring(0, 4);
        String family = TestPeople.family();
        String birthDate = TestPeople.birthDate().replace("-", "");
        String adt = "MSH|^~\\&|ADT|ACME_LAB|HIEHUB|HIE|20260510090000||ADT^A01^ADT_A01|A-" + mrn + "|P|2.5.1\r"
                + "EVN|A01|20260510090000\r" + pid(mrn, family, birthDate)
                + "PV1|1|I|4E^401^B^ACME||||||||||||||||V-" + mrn + "|||||||||||||||||||||||||20260510085500\r";
        String oru = "MSH|^~\\&|LIS|ACME_LAB|HIEHUB|HIE|20260510080000||ORU^R01^ORU_R01|O-" + mrn + "|P|2.5.1\r"
                + pid(mrn, family, birthDate)
                + "OBR|1||ORD-" + mrn + "|24323-8^Comprehensive metabolic panel^LN|||20260510074500\r"
                + "OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||6.5|mmol/L|3.5-5.1|H|||F|||"
                + "20260510074500\r"
                + "NTE|1||Called to Dr " + family + " at home\r";
        String refused = "MSH|^~\\&|ADT|ACME_LAB|HIEHUB|HIE|20260510090000||ADT^A08^ADT_A01|R-" + mrn + "|P|2.5.1\r"
                + "EVN|A08|20260510090000\r" + pid(mrn, family, "20230231");
        assertThat(hl7(adt).body()).contains("MSA|AA");
        assertThat(hl7(oru).body()).contains("MSA|AA");
        assertThat(hl7(refused).body()).contains("MSA|AE");
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where position(? in payload) > 0",
                Long.class, (Object) mrn.getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
        long position = positions.head();
        JsonNode found = await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients?identifier="
                + "ACME_LAB%7C" + mrn + "&minPosition=" + position).json().at("/patients/0"), n -> !n.isMissingNode());
        String patient = found.path("masterPatientId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients/" + patient + "/alerts").json()
                .path("alerts").size() == 2); // the critical potassium and the admission
        return new Person(patient, records(found), mrn, family, "ACME_LAB%7C" + mrn);
    }

    private static String pid(String mrn, String family, String birthDate) {
        // street and phone differ per person too: the MPI rightly links people who share them and a name
        int n = Math.abs(mrn.hashCode());
        return "PID|1||" + mrn + "^^^ACME_LAB^MR||" + family + "^" + family.substring(0, 3) + "ia^Q||" + birthDate
                + "|F|||" + (n % 9000) + " " + family + " Lane^^Springfield^IL^62704^USA||(217)555-" + (1000 + n % 8999)
                + "\r";
    }

    private Person ingestByFhir() throws IOException {
        String id = UUID.randomUUID().toString();
        String family = TestPeople.family();
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SYNTHEA_ID, id)
                    .replace("999-79-2897", "999-" + run.substring(0, 2).replaceAll("\\D", "5") + "-4321")
                    .replace("\"Gutmann\"", "\"" + family + "\"")
                    .replace("\"1984-01-04\"", "\"" + TestPeople.birthDate() + "\"");
            // from a named sender, whose Patient ids the hub remembers for its later NDJSON files
            HubClient.Response posted = hub.post("/fhir", "application/fhir+json",
                    text.getBytes(StandardCharsets.UTF_8), "X-Hub-Source", "ERASURE_EHR");
            assertThat(posted.status()).as(posted.body()).isEqualTo(200);
            String position = posted.header("X-Hub-Position");
            JsonNode found = hub.get("/api/patients?identifier=http://hospital.smarthealthit.org%7C" + id
                    + "&minPosition=" + position).json().at("/patients/0");
            String patient = found.path("masterPatientId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/patients/" + patient + "/timeline")
                    .json().path("entries").size() > 0);
            assertThat(count("select count(*) from sender_patient_id where source_record_id = any(?)",
                    records(found).toArray(String[]::new))).isPositive();
            return new Person(patient, records(found), id, family, "http://hospital.smarthealthit.org%7C" + id);
        }
    }

    private static List<String> records(JsonNode summary) {
        List<String> records = new ArrayList<>();
        summary.path("sourceRecords").forEach(r -> records.add(r.path("sourceRecordId").asText()));
        assertThat(records).isNotEmpty();
        return records;
    }

    private HubClient.Response hl7(String message) {
        return hub.post("/ingest/hl7v2", "application/hl7-v2", message.getBytes(StandardCharsets.UTF_8));
    }

    private HubClient.Response ndjson(String line, String sender) {
        return hub.post("/ingest/fhir-ndjson", "application/fhir+ndjson", (line + "\n").getBytes(
                StandardCharsets.UTF_8), "X-Hub-Source", sender);
    }

    private record Person(String masterPatientId, List<String> records, String mrn, String family,
                          String identifierQuery) {
    }
}
