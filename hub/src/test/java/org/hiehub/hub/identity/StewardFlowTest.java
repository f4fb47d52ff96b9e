package org.hiehub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@HubIntegrationTest
class StewardFlowTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HubClient hub;
    String tag;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void merging_two_master_patients_moves_the_records_and_the_retired_id_redirects_to_the_survivor() {
        JsonNode survivor = register("HOSP_A", "A-" + tag, "Merge" + tag, "Ann", "1971-03-04", "ssn-a-" + tag);
        JsonNode retired = register("HOSP_B", "B-" + tag, "Other" + tag, "Zed", "1955-11-30", "ssn-b-" + tag);
        assertThat(retired.path("masterPatientId").asText()).isNotEqualTo(survivor.path("masterPatientId").asText());

        long lastEventBefore = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        HubClient.Response merged = hub.post("/api/mpi/patients/" + survivor.path("masterPatientId").asText()
                + "/merge", """
                {"retiredPatientId":"%s","steward":"steward-1","reason":"same person, two registrations"}"""
                .formatted(retired.path("masterPatientId").asText()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        long position = merged.json().path("position").asLong();

        HubClient.Response old = hub.get("/api/patients/" + retired.path("masterPatientId").asText()
                + "?minPosition=" + position);
        assertThat(old.status()).isEqualTo(308);
        assertThat(old.header("Location")).isEqualTo("/api/patients/" + survivor.path("masterPatientId").asText());
        JsonNode summary = hub.get("/api/patients/" + survivor.path("masterPatientId").asText() + "?minPosition="
                + position).json();
        assertThat(summary.path("sourceRecords")).hasSize(2);
        assertThat(summary.findValuesAsText("linkMethod")).contains("STEWARD");
        assertThat(jdbc.queryForList("select distinct payload_type from domain_event_entry where global_index > ?",
                String.class, lastEventBefore)).as("a merge moves links and writes nothing else").isNotEmpty()
                .allMatch(type -> type.endsWith(".PatientsMerged") || type.endsWith(".IdentifierUnlinked")
                        || type.endsWith(".IdentifierLinked"));

        HubClient.Response again = hub.post("/api/mpi/patients/" + retired.path("masterPatientId").asText()
                + "/merge", """
                {"retiredPatientId":"%s","steward":"steward-1","reason":"into a retired one"}"""
                .formatted(UUID.randomUUID()));
        assertThat(again.status()).as("merging into a retired patient is refused").isEqualTo(409);
    }

    @Test
    void a_rejected_pair_moves_the_record_to_a_new_patient_and_is_never_proposed_again() {
        JsonNode first = register("HOSP_A", "A-" + tag, "Reject" + tag, "Bo", "1980-01-01", "ssn-" + tag);
        JsonNode second = register("LAB_B", "B-" + tag, "Reject" + tag, "Bo", "1980-01-01", "ssn-" + tag);
        String patient = first.path("masterPatientId").asText();
        String record = second.path("sourceRecordId").asText();
        assertThat(second.path("masterPatientId").asText()).isEqualTo(patient);

        HubClient.Response rejected = hub.post("/api/mpi/links/reject", """
                {"sourceRecordId":"%s","masterPatientId":"%s","steward":"steward-1","reason":"twin"}"""
                .formatted(record, patient));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        String newHome = jdbc.queryForObject("select master_patient_id from mpi_source_record "
                + "where source_record_id = ?", String.class, record);
        assertThat(newHome).isNotNull().isNotEqualTo(patient);

        // take it out again and let the MPI decide afresh: the rejected pair must not come back
        hub.post("/api/source-records/" + record + "/unlink", "{\"reason\":\"re-evaluate\"}");
        JsonNode reregistered = register("LAB_B", "B-" + tag, "Reject" + tag, "Bo", "1980-01-01", "ssn-" + tag);
        assertThat(reregistered.path("masterPatientId").asText()).isNotEqualTo(patient);

        HubClient.Response confirm = hub.post("/api/mpi/links/confirm", """
                {"sourceRecordId":"%s","masterPatientId":"%s","steward":"steward-2"}""".formatted(record, patient));
        assertThat(confirm.status()).as("confirming a rejected pair is refused").isEqualTo(409);
    }

    @Test
    void unmerging_takes_a_record_out_into_a_master_patient_of_its_own() {
        JsonNode first = register("HOSP_A", "A-" + tag, "Unmerge" + tag, "Cy", "1990-02-02", "ssn-" + tag);
        JsonNode second = register("LAB_B", "B-" + tag, "Unmerge" + tag, "Cy", "1990-02-02", "ssn-" + tag);
        HubClient.Response unmerged = hub.post("/api/mpi/source-records/" + second.path("sourceRecordId").asText()
                + "/unmerge", "{\"steward\":\"steward-1\",\"reason\":\"wrong link\"}");
        assertThat(unmerged.status()).as(unmerged.body()).isEqualTo(200);
        JsonNode summary = hub.get("/api/patients/" + first.path("masterPatientId").asText() + "?minPosition="
                + unmerged.json().path("position").asLong()).json();
        assertThat(summary.path("sourceRecords")).hasSize(1);
    }

    private JsonNode register(String system, String localId, String family, String given, String dob, String ssn) {
        HubClient.Response response = hub.post("/api/source-records", """
                {"sourceSystem":"%s","localId":"%s","demographics":{"names":[{"family":"%s","given":["%s"]}],
                 "birthDate":"%s","administrativeSex":"female",
                 "identifiers":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"%s"}]}}"""
                .formatted(system, localId, family, given, dob, ssn));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json();
    }
}
