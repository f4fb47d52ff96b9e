package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.hub.ingest.NdjsonLines.NDJSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A FHIR Bulk Data export as it arrives: one NDJSON file per resource type, the Observations referring to the
 * Patients of an earlier file by the sender's own ids.
 */
@HubIntegrationTest
class FhirBulkNdjsonTest {

    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;
    HubClient hub;
    String run;
    String sender;
    String family;
    String birthDate; // a random one, like the family name: a fixed date made look-alikes of other tests' people

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        sender = "BULK-" + run;
        family = TestPeople.family();
        birthDate = TestPeople.birthDate();
    }

    @Test
    void observations_of_a_later_file_are_filed_under_the_patients_of_an_earlier_one_from_the_same_sender() {
        String patients = patient("p1-" + run, "MR1-" + run, family, "Ada") + "\n"
                + patient("p2-" + run, "MR2-" + run, TestPeople.family(), "Bea") + "\n";
        String observations = observation("p1-" + run, 72) + "\n" + observation("p1-" + run, 75) + "\n"
                + observation("p2-" + run, 64) + "\n";

        HubClient.Response first = post(patients, sender);
        HubClient.Response second = post(observations, sender);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().at("/issue/0/diagnostics").asText())
                .contains("stored 3 facts for 2 patient(s) (2 sent earlier)");
        long position = positions.head();
        JsonNode found = hub.get("/api/patients?identifier=urn:bulk:mrn%7CMR1-" + run + "&minPosition=" + position)
                .json();
        String master = found.at("/patients/0/masterPatientId").asText();
        assertThat(master).as(found.toString()).isNotBlank();
        JsonNode timeline = hub.get("/api/patients/" + master + "/timeline?type=observation&minPosition=" + position)
                .json();
        assertThat(timeline.path("entries")).as(timeline.toString()).extracting(e -> e.path("value").asText())
                .containsExactlyInAnyOrder("72", "75");
        JsonNode summary = hub.get("/api/patients/" + master + "?minPosition=" + position).json();
        assertThat(summary.at("/golden/name/value/family").asText()).as("facts only: the demographics stand")
                .isEqualTo(family);
        assertThat(summary.path("sourceRecords")).hasSize(1);
    }

    @Test
    void another_sender_or_a_bundle_cannot_refer_to_those_patients_by_the_senders_ids() {
        assertThat(post(patient("p1-" + run, "MR1-" + run, family, "Ada") + "\n", sender).status()).isEqualTo(200);

        HubClient.Response stranger = post(observation("p1-" + run, 80) + "\n", "OTHER-" + run);
        HubClient.Response bundle = hub.post("/fhir", "application/fhir+json", ("""
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,
                 "request":{"method":"POST","url":"Observation"}}]}""".formatted(observation("p1-" + run, 80)))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.json().at("/issue/0/diagnostics").asText())
                .contains("nor to one sent before under the same X-Hub-Source");
        assertThat(bundle.status()).isEqualTo(400);
        assertThat(bundle.json().at("/issue/0/diagnostics").asText())
                .contains("does not resolve to a Patient in the message");
    }

    @Test
    void a_transaction_names_a_patient_the_sender_sent_before_by_identifier() {
        assertThat(post(patient("p1-" + run, "MR1-" + run, family, "Ada") + "\n", sender).status()).isEqualTo(200);
        String conditional = "Patient?identifier=urn:bulk:mrn%7CMR1-" + run;
        String logical = "{\"identifier\":{\"system\":\"urn:bulk:mrn\",\"value\":\"MR1-" + run + "\"}}";

        HubClient.Response stored = transaction(sender, observation("p1-" + run, 81).replace("Patient/p1-" + run,
                conditional), observation("p1-" + run, 83).replace("{\"reference\":\"Patient/p1-" + run + "\"}",
                logical));
        HubClient.Response wrongSystem = transaction(sender, observation("p1-" + run, 85).replace("Patient/p1-" + run,
                "Patient?identifier=urn:other%7CMR1-" + run));
        HubClient.Response stranger = transaction("OTHER-" + run, observation("p1-" + run, 87)
                .replace("Patient/p1-" + run, conditional));

        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().path("entry")).extracting(e -> e.at("/response/status").asText())
                .containsExactly("201 Created", "201 Created");
        long position = positions.head();
        String master = hub.get("/api/patients?identifier=urn:bulk:mrn%7CMR1-" + run + "&minPosition=" + position)
                .json().at("/patients/0/masterPatientId").asText();
        JsonNode timeline = hub.get("/api/patients/" + master + "/timeline?type=observation&minPosition=" + position)
                .json();
        assertThat(timeline.path("entries")).as(timeline.toString()).extracting(e -> e.path("value").asText())
                .containsExactlyInAnyOrder("81", "83");
        assertThat(hub.get("/api/patients/" + master).json().path("sourceRecords")).as("no new record").hasSize(1);
        for (HubClient.Response refused : List.of(wrongSystem, stranger)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().at("/issue/0/diagnostics").asText())
                    .contains("nor to one the hub holds from this sender by that identifier");
        }
    }

    @Test
    void a_conditional_create_of_a_patient_the_sender_sent_before_changes_nothing_and_takes_the_facts() {
        assertThat(post(patient("p1-" + run, "MR1-" + run, family, "Ada") + "\n", sender).status()).isEqualTo(200);
        String stale = patient("p9-" + run, "MR1-" + run, "Stale" + family, "Ada");
        String body = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%s","resource":%s,
                  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=urn:bulk:mrn|MR1-%s"}},
                 {"resource":%s,"request":{"method":"POST","url":"Observation"}}]}"""
                .formatted(UUID.nameUUIDFromBytes(run.getBytes(StandardCharsets.UTF_8)), stale, run,
                        observation("p1-" + run, 91).replace("Patient/p1-" + run,
                                "urn:uuid:" + UUID.nameUUIDFromBytes(run.getBytes(StandardCharsets.UTF_8))));

        HubClient.Response answer = hub.post("/fhir", "application/fhir+json", body.getBytes(StandardCharsets.UTF_8),
                "X-Hub-Source", sender);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/entry/0/response/status").asText()).isEqualTo("200 OK");
        assertThat(answer.json().at("/entry/0/response/location").asText()).startsWith("Patient/");
        long position = positions.head();
        String master = hub.get("/api/patients?identifier=urn:bulk:mrn%7CMR1-" + run + "&minPosition=" + position)
                .json().at("/patients/0/masterPatientId").asText();
        JsonNode summary = hub.get("/api/patients/" + master + "?minPosition=" + position).json();
        assertThat(summary.at("/golden/name/value/family").asText()).isEqualTo(family);
        assertThat(summary.path("sourceRecords")).hasSize(1);
        assertThat(hub.get("/api/patients/" + master + "/timeline?type=observation&minPosition=" + position).json()
                .path("entries")).extracting(e -> e.path("value").asText()).containsExactly("91");

        String update = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,
                  "request":{"method":"PUT","url":"Patient?identifier=urn:bulk:mrn|MR1-%s"}}]}"""
                .formatted(patient("p1-" + run, "MR1-" + run, "Renamed" + family, "Ada"), run);
        HubClient.Response updated = hub.post("/fhir", "application/fhir+json",
                update.getBytes(StandardCharsets.UTF_8), "X-Hub-Source", sender);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().at("/entry/0/response/status").asText()).as("an update, not a create")
                .isEqualTo("200 OK");
        long later = positions.head();
        JsonNode renamed = hub.get("/api/patients/" + master + "?minPosition=" + later).json();
        assertThat(renamed.at("/golden/name/value/family").asText()).isEqualTo("Renamed" + family);
        // (one record either way: its id comes from the sender's identifier, so "200 OK" above is what shows an update)
    }

    private HubClient.Response transaction(String source, String... observations) {
        StringBuilder entries = new StringBuilder();
        for (String observation : observations) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"resource\":").append(observation)
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
        }
        return hub.post("/fhir", "application/fhir+json", ("{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
                + "\"entry\":[" + entries + "]}").getBytes(StandardCharsets.UTF_8), "X-Hub-Source", source);
    }

    private HubClient.Response post(String body, String source) {
        return hub.post("/ingest/fhir-ndjson", NDJSON, body.getBytes(StandardCharsets.UTF_8), "X-Hub-Source",
                source);
    }

    private String patient(String id, String mrn, String family, String given) {
        return NdjsonLines.patient(id, "urn:bulk:mrn", mrn, family, given, birthDate);
    }

    private static String observation(String patientId, int heartRate) {
        return NdjsonLines.heartRate(patientId, "2026-11-20T10:0" + heartRate % 10 + ":00Z", heartRate);
    }
}
