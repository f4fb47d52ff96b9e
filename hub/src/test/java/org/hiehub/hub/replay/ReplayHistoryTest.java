package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@HubIntegrationTest
class ReplayHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    ReplayScenario patient;
    ReplayScenario someoneElse;

    @BeforeEach
    void twoPatients() {
        patient = new ReplayScenario(new HubClient(port));
        patient.registerAtHospital("Ann");
        patient.registerAtLab("Ann");
        patient.labResult();
        patient.updateAtHospital("Annabel");
        someoneElse = new ReplayScenario(new HubClient(port));
        someoneElse.registerAtHospital("Bob");
    }

    @Test
    void history_lists_the_identity_and_clinical_events_of_the_patient_and_its_records_in_log_order()
            throws Exception {
        ReplayCli.Result result = ReplayCli.run(context, "history", "--patient", patient.masterPatientId,
                "--format", "ndjson");

        assertThat(result.exit()).as(result.toString()).isZero();
        List<JsonNode> events = parse(result.lines());
        assertThat(events).extracting(e -> e.path("type").asText()).contains("SourceRecordRegistered",
                "PatientCreated", "IdentifierLinked", "MatchEvaluated", "ObservationRecorded", "DemographicsUpdated");
        assertThat(events).extracting(e -> e.path("position").asLong()).isSorted().doesNotHaveDuplicates();
        // identity events live on the patient's and its records' streams, clinical facts on their message's stream
        assertThat(events).allSatisfy(e -> assertThat(e.path("type").asText().equals("ObservationRecorded")
                ? e.at("/payload/sourceRecordId").asText() : e.path("aggregateId").asText())
                .isIn(patient.masterPatientId, patient.hospitalRecord, patient.labRecord));
        assertThat(result.out()).doesNotContain(someoneElse.family).doesNotContain(someoneElse.hospitalRecord);
        JsonNode registered = events.stream().filter(e -> e.path("type").asText().equals("SourceRecordRegistered"))
                .findFirst().orElseThrow();
        assertThat(registered.at("/payload/demographics/names/0/family").asText())
                .as("personal data is decrypted").isEqualTo(patient.family);
        assertThat(registered.path("revision").asText()).isEqualTo("1");
        JsonNode observation = events.stream().filter(e -> e.path("type").asText().equals("ObservationRecorded"))
                .findFirst().orElseThrow();
        assertThat(observation.at("/payload/sourceRecordId").asText()).isEqualTo(patient.labRecord);
        assertThat(observation.path("revision").asText()).isEqualTo("3");
    }

    @Test
    void history_filters_by_type_and_time() throws Exception {
        ReplayCli.Result updates = ReplayCli.run(context, "history", "--patient", patient.masterPatientId,
                "--type", "DemographicsUpdated,observationrecorded", "--format", "ndjson");
        assertThat(parse(updates.lines())).extracting(e -> e.path("type").asText())
                .containsOnly("DemographicsUpdated", "ObservationRecorded").contains("ObservationRecorded");

        ReplayCli.Result future = ReplayCli.run(context, "history", "--patient", patient.masterPatientId,
                "--from", Instant.now().plusSeconds(3600).toString(), "--format", "ndjson");
        assertThat(future.exit()).isZero();
        assertThat(future.lines()).isEmpty();

        ReplayCli.Result past = ReplayCli.run(context, "history", "--patient", patient.masterPatientId,
                "--to", "2000-01-01", "--format", "ndjson");
        assertThat(past.lines()).isEmpty();
    }

    @Test
    void history_as_a_table_has_a_header_and_one_readable_line_per_event() {
        ReplayCli.Result table = ReplayCli.run(context, "history", "--patient", patient.masterPatientId);

        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).startsWith("POSITION").contains("TYPE").contains("DETAILS");
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).contains("DemographicsUpdated")
                .contains("Annabel"));
        assertThat(table.err()).contains("events");
    }

    @Test
    void a_malformed_time_is_refused_with_a_message() {
        ReplayCli.Result result = ReplayCli.run(context, "history", "--patient", patient.masterPatientId,
                "--from", "yesterday");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("not a point in time");
    }

    @Test
    void the_admin_api_serves_the_same_history() throws Exception {
        ReplayCli.Result cli = ReplayCli.run(context, "history", "--patient", patient.masterPatientId,
                "--format", "ndjson");
        HubClient.Response api = new HubClient(port).get("/api/admin/replay/history?patient="
                + patient.masterPatientId);

        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(api.json().path("events")).hasSize(cli.lines().size());
        assertThat(api.json().at("/events/0/position").asLong())
                .isEqualTo(parse(cli.lines()).get(0).path("position").asLong());
        assertThat(new HubClient(port).get("/api/admin/replay/history?patient=x&from=nope").status()).isEqualTo(400);
        // an auditor replaying a patient's history reads personal data: the access audit names the patient
        assertThat(new HubClient(port).get("/api/audit?patient=" + patient.masterPatientId).body())
                .contains("/api/admin/replay/history");
    }

    private static List<JsonNode> parse(List<String> lines) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : lines) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
