package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.TestPeople;

/**
 * A made-up patient for the replay tests: a hospital and a lab register records sharing an SSN (so one master
 * patient), the lab sends an HL7 result, the hospital updates its demographics; each step through the public API.
 */
final class ReplayScenario {

    final HubClient hub;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String family = TestPeople.family();
    final String birthDate = TestPeople.birthDate();
    final String ssn = "9" + run;
    String masterPatientId;
    String hospitalRecord;
    String labRecord;
    long position;

    ReplayScenario(HubClient hub) {
        this.hub = hub;
    }

    JsonNode registerAtHospital(String given) {
        JsonNode answer = register("HOSP_A", "A-" + run, given);
        hospitalRecord = answer.path("sourceRecordId").asText();
        masterPatientId = answer.path("masterPatientId").asText();
        return answer;
    }

    JsonNode registerAtLab(String given) {
        JsonNode answer = register("LABX", "L-" + run, given);
        labRecord = answer.path("sourceRecordId").asText();
        assertThat(answer.path("masterPatientId").asText()).isEqualTo(masterPatientId);
        return answer;
    }

    /** The hospital sends the same person again with another given name: a DemographicsUpdated. */
    JsonNode updateAtHospital(String given) {
        return register("HOSP_A", "A-" + run, given);
    }

    /** A glucose result from lab LABX (MSH-4) for its patient L-run (PID-3): the lab's registered source record.
     * The HL7 answer carries no position; the next API write's position covers it. */
    void labResult() {
        String oru = "MSH|^~\\&|LAB|LABX|HUB|HIE|20261122101500||ORU^R01|R-" + run + "|P|2.5.1\r"
                + "PID|1||L-" + run + "^^^LABX^MR||" + family + "^Ann||"
                + birthDate.replace("-", "") + "|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||101|mg/dL|70-99|H|||F|||20261122100000\r";
        HubClient.Response ack = hub.post("/ingest/hl7v2", "text/plain", oru.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.body()).contains("MSA|AA");
    }

    /** Waits until the summary view has seen everything written so far. */
    JsonNode liveSummary() {
        long at = position;
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.get("/api/patients/" + masterPatientId + "?minPosition=" + at).status() == 200);
        return hub.get("/api/patients/" + masterPatientId + "?minPosition=" + at).json();
    }

    private JsonNode register(String system, String localId, String given) {
        HubClient.Response response = hub.post("/api/source-records", """
                {"sourceSystem":"%s","localId":"%s","demographics":{"names":[{"family":"%s","given":["%s"]}],
                 "birthDate":"%s","identifiers":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"%s"}]}}
                """.formatted(system, localId, family, given, birthDate, ssn));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        JsonNode answer = response.json();
        position = Math.max(position, answer.path("position").asLong());
        return answer;
    }
}
