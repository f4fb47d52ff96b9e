package org.hiehub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@HubIntegrationTest
class IdentityApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HubClient hub;
    String ssn;
    String mrn;
    String family;
    String birthDate;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        ssn = "9" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 8);
        mrn = "MRN-" + UUID.randomUUID();
        // every test its own person: the MPI would rightly link look-alikes registered by other tests (a random
        // family name alone is not enough: it may sound like another test's, and the MPI compares by sound)
        family = TestPeople.family();
        birthDate = TestPeople.birthDate();
    }

    @Test
    void a_new_source_record_founds_a_master_patient_whose_summary_can_be_read_at_once() {
        JsonNode created = register("HOSP_A", mrn, family, "John", birthDate);
        assertThat(created.path("created").asBoolean()).isTrue();

        HubClient.Response summary = hub.get("/api/patients/" + created.path("masterPatientId").asText()
                + "?minPosition=" + created.path("position").asLong());

        assertThat(summary.status()).isEqualTo(200);
        assertThat(Long.parseLong(summary.header("X-Hub-View-Position")))
                .isGreaterThanOrEqualTo(created.path("position").asLong());
        JsonNode body = summary.json();
        assertThat(body.at("/golden/name/value/family").asText()).isEqualTo(family);
        assertThat(body.at("/golden/birthDate/value").asText()).isEqualTo(birthDate);
        assertThat(body.at("/sourceRecords/0/localId").asText()).isEqualTo(mrn);
        assertThat(body.at("/sourceRecords/0/linkMethod").asText()).isEqualTo("NEW_PATIENT");
    }

    @Test
    void a_record_sharing_an_identifier_joins_the_same_master_patient_and_the_summary_shows_both_sources() {
        JsonNode first = register("HOSP_A", mrn, family, "John", birthDate);
        JsonNode second = register("LAB_B", "L-" + mrn, family, "Jon", birthDate);

        assertThat(second.path("masterPatientId").asText()).isEqualTo(first.path("masterPatientId").asText());
        JsonNode summary = readSummary(second);
        assertThat(summary.path("sourceRecords")).hasSize(2);
        assertThat(summary.at("/identifiers/0/sources")).hasSize(2);
        JsonNode search = hub.get("/api/patients?identifier=http://hl7.org/fhir/sid/us-ssn%7C" + ssn).json();
        assertThat(search.path("total").asInt()).isEqualTo(1);
        // the other FHIR token forms: the value in any system, every identifier of a system; and the bar unencoded
        assertThat(hub.get("/api/patients?identifier=" + ssn).json().path("total").asInt()).isEqualTo(1);
        // (a name also finds sound-alikes: another test's patient with an SSN may come back too)
        JsonNode bySystem = hub.get("/api/patients?identifier=http://hl7.org/fhir/sid/us-ssn%7C&name=" + family).json();
        assertThat(bySystem.path("patients").findValuesAsText("masterPatientId"))
                .contains(first.path("masterPatientId").asText());
        bySystem.path("patients").forEach(p -> assertThat(p.path("identifiers").findValuesAsText("system"))
                .contains("http://hl7.org/fhir/sid/us-ssn"));
        assertThat(hub.get("/api/patients?identifier=%7C" + ssn).json().path("total").asInt())
                .as("|VALUE asks for an identifier without a system; the SSN has one").isZero();
        HubClient.Response unencoded = hub.getRaw("/fhir/Patient?identifier=http://hl7.org/fhir/sid/us-ssn|" + ssn);
        assertThat(unencoded.status()).as(unencoded.body()).isEqualTo(200);
        assertThat(unencoded.body()).contains("\"total\":1");
    }

    @Test
    void unlinking_moves_the_record_out_and_relinking_to_a_new_patient_shows_up_in_both_summaries() {
        JsonNode first = register("HOSP_A", mrn, family, "John", birthDate);
        JsonNode second = register("LAB_B", "L-" + mrn, family, "Jon", birthDate);
        String record = second.path("sourceRecordId").asText();

        HubClient.Response unlinked = hub.post("/api/source-records/" + record + "/unlink",
                "{\"reason\":\"steward found a wrong link\"}");
        assertThat(unlinked.status()).isEqualTo(200);
        HubClient.Response relinked = hub.post("/api/source-records/" + record + "/link",
                "{\"confidence\":100,\"method\":\"STEWARD\"}");
        assertThat(relinked.status()).isEqualTo(200);

        JsonNode old = readSummary(first.path("masterPatientId").asText(), relinked.json().path("position").asLong());
        assertThat(old.path("sourceRecords")).hasSize(1);
        JsonNode fresh = readSummary(relinked.json());
        assertThat(fresh.at("/sourceRecords/0/linkMethod").asText()).isEqualTo("STEWARD");
        assertThat(fresh.at("/golden/name/value/given/0").asText()).isEqualTo("Jon");
    }

    @Test
    void linking_a_linked_record_or_unlinking_an_unlinked_one_is_refused_with_a_problem() {
        JsonNode first = register("HOSP_A", mrn, family, "John", birthDate);
        String record = first.path("sourceRecordId").asText();

        HubClient.Response twice = hub.post("/api/source-records/" + record + "/link",
                "{\"masterPatientId\":\"" + UUID.randomUUID() + "\",\"confidence\":90,\"method\":\"STEWARD\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("detail").asText()).contains("already linked");

        hub.post("/api/source-records/" + record + "/unlink", "{\"reason\":\"test\"}");
        HubClient.Response again = hub.post("/api/source-records/" + record + "/unlink", "{\"reason\":\"test\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains("not linked");
    }

    @Test
    void an_unknown_patient_is_404_and_a_bad_search_is_400() {
        assertThat(hub.get("/api/patients/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(hub.get("/api/patients?identifier=%7C").status()).isEqualTo(400);
        assertThat(hub.post("/api/source-records/sr-unknown/unlink", "{\"reason\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void the_event_table_holds_no_personal_data_in_clear() {
        register("HOSP_A", mrn, "Zyxwvutsrq", "Qwertyuiop", "1970-01-15");
        List<String> payloads = jdbc.queryForList(
                "select convert_from(payload, 'UTF8') from domain_event_entry", String.class);
        List<String> identifiers = jdbc.queryForList("select aggregate_identifier from domain_event_entry",
                String.class);

        assertThat(payloads).isNotEmpty().noneMatch(p -> p.contains("Zyxwvutsrq") || p.contains("Qwertyuiop")
                || p.contains(mrn) || p.contains(ssn) || p.contains("1970-01-15"));
        assertThat(identifiers).noneMatch(id -> id.contains(mrn));
    }

    JsonNode register(String system, String localId, String family, String given, String birthDate) {
        HubClient.Response response = hub.post("/api/source-records", """
                {"sourceSystem":"%s","localId":"%s","demographics":{
                  "names":[{"use":"official","family":"%s","given":["%s"]}],
                  "birthDate":"%s","administrativeSex":"male",
                  "identifiers":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"%s","type":"SS"}]}}
                """.formatted(system, localId, family, given, birthDate, ssn));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json();
    }

    JsonNode readSummary(JsonNode commandAnswer) {
        return readSummary(commandAnswer.path("masterPatientId").asText(), commandAnswer.path("position").asLong());
    }

    JsonNode readSummary(String masterPatientId, long position) {
        HubClient.Response response = hub.get("/api/patients/" + masterPatientId + "?minPosition=" + position);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
