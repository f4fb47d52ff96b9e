package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@HubIntegrationTest
class FhirIngestApiTest {

    private static final String SYNTHEA_ID = "d49945ce-9f8c-4974-80e3-0b38054dd45d";
    private static final String SYNTHEA_SSN = "999-79-2897";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HubClient hub;
    String patientId;
    byte[] bundle;

    @BeforeEach
    void setUp() throws IOException {
        hub = new HubClient(port);
        // A fresh person per test: the tests share one database, and the same bytes would be a duplicate.
        patientId = UUID.randomUUID().toString();
        String ssn = "999-" + (10 + (int) (Math.random() * 89)) + "-" + (1000 + (int) (Math.random() * 8999));
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SYNTHEA_ID, patientId)
                    .replace(SYNTHEA_SSN, ssn).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_synthea_transaction_is_stored_once_and_a_resend_writes_no_second_set_of_events() throws IOException {
        Map<String, Long> before = eventCounts();

        HubClient.Response first = hub.post("/fhir", FHIR_JSON, bundle);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith(FHIR_JSON);
        JsonNode response = first.json();
        assertThat(response.path("type").asText()).isEqualTo("transaction-response");
        assertThat(response.path("entry")).hasSize(JSON.readTree(bundle).path("entry").size());
        assertThat(response.at("/entry/0/response/status").asText()).isEqualTo("201 Created");
        assertThat(response.at("/entry/0/response/location").asText()).startsWith("Patient/");
        assertThat(first.header("X-Hub-Message-Key")).isNotBlank();
        assertThat(Long.parseLong(first.header("X-Hub-Position"))).isPositive();
        Map<String, Long> afterFirst = eventCounts();
        expectedFacts().forEach((event, count) -> assertThat(delta(before, afterFirst, event)).as(event)
                .isEqualTo(count));

        HubClient.Response again = hub.post("/fhir", FHIR_JSON, bundle);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().at("/entry/0/response/status").asText()).isEqualTo("200 OK");
        assertThat(again.header("X-Hub-Message-Key")).isEqualTo(first.header("X-Hub-Message-Key"));
        assertThat(eventCounts()).isEqualTo(afterFirst);
    }

    @Test
    void the_posted_patient_can_be_found_by_identifier_and_read_in_its_summary() {
        HubClient.Response posted = hub.post("/fhir", FHIR_JSON, bundle);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String position = posted.header("X-Hub-Position");

        JsonNode search = hub.get("/api/patients?identifier=http://hospital.smarthealthit.org%7C" + patientId
                + "&minPosition=" + position).json();

        assertThat(search.path("total").asInt()).isEqualTo(1);
        String masterPatientId = search.at("/patients/0/masterPatientId").asText();
        assertThat(posted.json().at("/entry/0/response/location").asText()).isEqualTo("Patient/" + masterPatientId);
        HubClient.Response summary = hub.get("/api/patients/" + masterPatientId + "?minPosition=" + position);
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().at("/golden/name/value/family").asText()).isEqualTo("Gutmann");
        assertThat(summary.json().at("/golden/birthDate/value").asText()).isEqualTo("1984-01-04");
    }

    @Test
    void a_bundle_whose_reference_does_not_resolve_is_refused_with_an_operation_outcome_and_dead_lettered() {
        String broken = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                   "subject":{"reference":"urn:uuid:somebody-else"}}}]}""".formatted(patientId, patientId);

        HubClient.Response refused = hub.post("/fhir", FHIR_JSON, broken.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(400);
        JsonNode outcome = refused.json();
        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.at("/issue/0/severity").asText()).isEqualTo("error");
        assertThat(outcome.at("/issue/0/expression/0").asText()).isEqualTo("Bundle.entry[1].resource.subject");
        assertThat(outcome.at("/issue/0/diagnostics").asText()).contains("does not resolve").contains("dead letter");
        JsonNode deadLetters = hub.get("/api/dead-letters?limit=500").json();
        assertThat(deadLetters.path("items")).as(deadLetters.toString()).anySatisfy(letter -> {
            assertThat(letter.path("format").asText()).isEqualTo("FHIR_BUNDLE");
            assertThat(letter.path("location").asText()).isEqualTo("Bundle.entry[1].resource.subject");
        });
    }

    @Test
    void invalid_json_and_a_wrong_content_type_are_answered_with_operation_outcomes() {
        HubClient.Response truncated = hub.post("/fhir", FHIR_JSON, "{\"resourceType\":\"Bundle\",\"ty"
                .getBytes(StandardCharsets.UTF_8));
        HubClient.Response xml = hub.post("/fhir", "application/fhir+xml", "<Bundle/>".getBytes(StandardCharsets.UTF_8));

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().at("/issue/0/code").asText()).isEqualTo("structure");
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        HubClient.Response unreadable = hub.post("/fhir", "not a media type", bundle);
        assertThat(unreadable.status()).as(unreadable.body()).isEqualTo(415); // was a 500 from the header's parse
        assertThat(unreadable.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void an_ndjson_body_is_stored_and_summarised_in_an_operation_outcome() {
        String body = """
                {"resourceType":"Patient","id":"%1$s","identifier":[{"system":"urn:test:mrn","value":"%1$s"}],"name":[{"family":"Ndjson","given":["Nora"]}],"birthDate":"1990-05-06","gender":"female"}
                {"resourceType":"Condition","subject":{"reference":"Patient/%1$s"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]},"onsetDateTime":"2024-01-02"}
                {"resourceType":"Claim","patient":{"reference":"Patient/%1$s"}}
                """.formatted(patientId);

        HubClient.Response stored = hub.post("/ingest/fhir-ndjson", "application/fhir+ndjson",
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        JsonNode outcome = stored.json();
        assertThat(outcome.at("/issue/0/diagnostics").asText()).contains("stored 1 facts for 1 patient(s)");
        assertThat(outcome.path("issue").toString()).contains("Claim: 1 kept in the raw payload, not mapped");
        assertThat(stored.header("X-Hub-Position")).isNotBlank();
    }

    @Test
    void a_bundle_identifier_used_again_for_another_bundle_is_refused_409_and_a_restamped_copy_is_a_resend() {
        String run = UUID.randomUUID().toString();
        Map<String, Long> before = eventCounts();

        HubClient.Response first = hub.post("/fhir", FHIR_JSON, heartRate(run, "2026-11-22T10:00:00Z", 72));
        HubClient.Response restamped = hub.post("/fhir", FHIR_JSON, heartRate(run, "2026-11-23T08:30:00Z", 72));
        HubClient.Response other = hub.post("/fhir", FHIR_JSON, heartRate(run, "2026-11-22T10:00:00Z", 91));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(restamped.status()).as(restamped.body()).isEqualTo(200);
        assertThat(restamped.header("X-Hub-Message-Key")).isEqualTo(first.header("X-Hub-Message-Key"));
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.json().at("/issue/0/code").asText()).isEqualTo("duplicate");
        assertThat(other.body()).contains("already used this message control id").doesNotContain(run);
        assertThat(delta(before, eventCounts(), "ObservationRecorded")).isEqualTo(1);
        assertThat(jdbc.queryForList("select location, error_code from dead_letter where content_hash = ?",
                sha256(heartRate(run, "2026-11-22T10:00:00Z", 91)))).as("kept as dead letter")
                .containsExactly(Map.of("location", "Bundle.identifier", "error_code", 205));
    }

    @Test
    void a_family_name_of_millions_of_characters_is_refused_400_at_patient_name_and_kept_as_dead_letter() {
        String run = UUID.randomUUID().toString();
        byte[] giant = new String(heartRate(run, "2026-11-22T10:00:00Z", 72), StandardCharsets.UTF_8)
                .replace("\"Resend\"", "\"" + "X".repeat(30_000_000) + "\"").getBytes(StandardCharsets.UTF_8);

        HubClient.Response response = hub.post("/fhir", FHIR_JSON, giant);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/issue/0/expression/0").asText()).isEqualTo("Patient.name");
        assertThat(response.json().at("/issue/0/diagnostics").asText())
                .startsWith("a name part is longer than 500 characters (kept as dead letter");
        assertThat(jdbc.queryForObject("select count(*) from raw_message where content_hash = ?", Long.class,
                sha256(giant))).isZero();
    }

    @Test
    void a_delete_refuses_a_transaction_whole_and_in_a_batch_is_answered_405_beside_what_was_stored() {
        String run = UUID.randomUUID().toString();
        String delete = ",{\"request\":{\"method\":\"DELETE\",\"url\":\"Observation/o-" + run + "\"}}]}";
        String transaction = new String(heartRate(run, "2026-11-22T10:00:00Z", 72), StandardCharsets.UTF_8).strip();
        transaction = transaction.substring(0, transaction.length() - 2) + delete;
        String batch = transaction.replace("\"type\":\"transaction\"", "\"type\":\"batch\"")
                .replace("\"b-" + run, "\"batch-" + run);
        Map<String, Long> before = eventCounts();

        HubClient.Response refused = hub.post("/fhir", FHIR_JSON, transaction.getBytes(StandardCharsets.UTF_8));
        HubClient.Response answered = hub.post("/fhir", FHIR_JSON, batch.getBytes(StandardCharsets.UTF_8));

        // a 200 for the delete would tell the sender the observation is gone; nothing of the transaction is stored
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().at("/issue/0/code").asText()).isEqualTo("not-supported");
        assertThat(refused.json().at("/issue/0/expression/0").asText()).isEqualTo("Bundle.entry[2].request.method");
        assertThat(refused.json().at("/issue/0/diagnostics").asText()).contains("append-only").contains("dead letter");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        JsonNode entries = answered.json().path("entry");
        assertThat(answered.json().path("type").asText()).isEqualTo("batch-response");
        assertThat(entries.get(0).at("/response/status").asText()).isEqualTo("201 Created");
        assertThat(entries.get(1).at("/response/status").asText()).isEqualTo("201 Created");
        assertThat(entries.get(2).at("/response/status").asText()).isEqualTo("405 Method Not Allowed");
        assertThat(entries.get(2).at("/response/outcome/issue/0/severity").asText()).isEqualTo("error");
        assertThat(entries.get(2).at("/response/outcome/issue/0/code").asText()).isEqualTo("not-supported");
        assertThat(delta(before, eventCounts(), "ObservationRecorded")).as("the batch's one observation").isEqualTo(1);
    }

    @Test
    void a_batch_entry_whose_patient_is_not_in_the_batch_is_answered_400_and_the_rest_is_stored() {
        String run = UUID.randomUUID().toString();
        String stray = ",{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"urn:uuid:nobody\"}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        String batch = new String(heartRate(run, "2026-11-22T10:00:00Z", 72), StandardCharsets.UTF_8).strip()
                .replace("\"type\":\"transaction\"", "\"type\":\"batch\"");
        batch = batch.substring(0, batch.length() - 2) + stray;
        Map<String, Long> before = eventCounts();

        HubClient.Response answered = hub.post("/fhir", FHIR_JSON, batch.getBytes(StandardCharsets.UTF_8));

        // before: the whole batch was refused for the one entry, as a transaction is
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        JsonNode entries = answered.json().path("entry");
        assertThat(entries.get(1).at("/response/status").asText()).isEqualTo("201 Created");
        assertThat(entries.get(2).at("/response/status").asText()).isEqualTo("400 Bad Request");
        assertThat(entries.get(2).at("/response/outcome/issue/0/expression/0").asText())
                .isEqualTo("Bundle.entry[2].resource.subject");
        assertThat(entries.get(2).at("/response/outcome/issue/0/diagnostics").asText()).contains("does not resolve");
        assertThat(delta(before, eventCounts(), "ObservationRecorded")).isEqualTo(1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small transaction with an identifier; {@code stamp} is Bundle.timestamp, which a re-send may change. */
    private static byte[] heartRate(String run, String stamp, int rate) {
        return ("""
                {"resourceType":"Bundle","type":"transaction","timestamp":"%s",
                 "identifier":{"system":"urn:hiehub:test","value":"b-%s"},"entry":[
                 {"fullUrl":"urn:uuid:p-%s","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"urn:hiehub:test","value":"%s"}],"name":[{"family":"Resend","given":["Ruth"]}],
                   "gender":"female","birthDate":"1971-03-04"},"request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:o-%s","resource":{"resourceType":"Observation","status":"final",
                   "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                   "subject":{"reference":"urn:uuid:p-%s"},"effectiveDateTime":"2026-11-22T10:00:00Z",
                   "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}},
                  "request":{"method":"POST","url":"Observation"}}]}
                """.formatted(stamp, run, run, run, run, run, rate)).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Long> expectedFacts() throws IOException {
        Map<String, String> events = Map.of("Observation", "ObservationRecorded", "Encounter", "EncounterStarted",
                "Condition", "ConditionRecorded", "MedicationRequest", "MedicationRecorded",
                "AllergyIntolerance", "AllergyRecorded", "Immunization", "ImmunizationRecorded");
        Map<String, Long> expected = new HashMap<>();
        for (JsonNode entry : JSON.readTree(bundle).path("entry")) {
            String type = entry.at("/resource/resourceType").asText();
            if (events.containsKey(type)) {
                expected.merge(events.get(type), 1L, Long::sum);
            }
            if (type.equals("Encounter") && entry.at("/resource/period/end").isTextual()) {
                expected.merge("EncounterEnded", 1L, Long::sum);
            }
        }
        return expected;
    }

    private Map<String, Long> eventCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry group by payload_type",
                rs -> {
                    String type = rs.getString(1);
                    counts.put(type.substring(type.lastIndexOf('.') + 1), rs.getLong(2));
                });
        return counts;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String event) {
        return after.getOrDefault(event, 0L) - before.getOrDefault(event, 0L);
    }
}
