package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@HubIntegrationTest
class AsOfTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void as_of_now_equals_the_live_summary_and_earlier_times_show_the_earlier_states() throws Exception {
        ReplayScenario patient = new ReplayScenario(new HubClient(port));
        Instant beforeAnything = tick();
        patient.registerAtHospital("Ann");
        Instant onlyTheHospital = tick();
        patient.registerAtLab("Ann");
        patient.labResult();
        Instant beforeTheUpdate = tick();
        patient.updateAtHospital("Annabel");
        JsonNode live = summaryPart(patient.liveSummary());
        assertThat(live.at("/golden/name/value/given/0").asText()).isEqualTo("Annabel");

        JsonNode now = asOf(patient, Instant.now());
        assertThat(now).isEqualTo(live);

        // hand-checked: before the update the hospital's record still said "Ann"; both records were linked
        JsonNode beforeUpdate = asOf(patient, beforeTheUpdate);
        assertThat(beforeUpdate.at("/golden/name/value/given/0").asText()).isEqualTo("Ann");
        assertThat(beforeUpdate.path("sourceRecords")).hasSize(2);
        assertThat(beforeUpdate.path("lastUpdated").asText()).isNotEqualTo(live.path("lastUpdated").asText());

        // before the lab's record was linked: the hospital's record alone
        JsonNode hospitalOnly = asOf(patient, onlyTheHospital);
        assertThat(hospitalOnly.path("sourceRecords")).hasSize(1);
        assertThat(hospitalOnly.at("/sourceRecords/0/sourceRecordId").asText()).isEqualTo(patient.hospitalRecord);
        assertThat(hospitalOnly.at("/sourceRecords/0/sourceSystem").asText()).isEqualTo("HOSP_A");
        assertThat(hospitalOnly.at("/identifiers/0/sources")).hasSize(1);
        assertThat(hospitalOnly.at("/golden/name/value/family").asText()).isEqualTo(patient.family);

        ReplayCli.Result notYet = ReplayCli.run(context, "as-of", "--patient", patient.masterPatientId,
                "--at", beforeAnything.toString());
        assertThat(notYet.exit()).isEqualTo(1);
        assertThat(notYet.err()).contains("did not exist");
    }

    @Test
    void the_admin_api_serves_the_point_in_time_summary() {
        ReplayScenario patient = new ReplayScenario(new HubClient(port));
        patient.registerAtHospital("Ann");
        JsonNode live = summaryPart(patient.liveSummary());
        HubClient hub = new HubClient(port);

        HubClient.Response asOf = hub.get("/api/admin/replay/as-of?patient=" + patient.masterPatientId + "&at="
                + Instant.now());
        assertThat(asOf.status()).as(asOf.body()).isEqualTo(200);
        assertThat(asOf.json().path("summary")).isEqualTo(live);
        assertThat(asOf.json().path("eventsReplayed").asLong()).isPositive();
        assertThat(hub.get("/api/admin/replay/as-of?patient=" + patient.masterPatientId + "&at=2000-01-01").status())
                .isEqualTo(404);
    }

    private JsonNode asOf(ReplayScenario patient, Instant at) throws Exception {
        ReplayCli.Result result = ReplayCli.run(context, "as-of", "--patient", patient.masterPatientId,
                "--at", at.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode answer = JSON.readTree(result.out());
        assertThat(answer.path("at").asText()).isEqualTo(at.toString());
        return answer.path("summary");
    }

    /**
     * The read API merges sections of other projections into the summary when it is read (clinical, care gaps,
     * alerts, quality); as-of rebuilds the patient-summary projection's document.
     */
    private static JsonNode summaryPart(JsonNode patient) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) patient).remove(
                java.util.List.of("clinical", "careGaps", "alerts", "quality"));
        return patient;
    }

    /** A moment strictly between the writes before and after it (event times come from the same clock). */
    private static Instant tick() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }
}
