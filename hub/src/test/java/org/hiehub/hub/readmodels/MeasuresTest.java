package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Population measures with small-cell suppression, and LACE for a current stay, over FHIR input. */
@HubIntegrationTest
class MeasuresTest {

    @LocalServerPort
    int port;
    HubClient hub;
    String run;
    long position;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void hba1c_control_and_readmissions_are_counted_per_source_and_small_cells_are_suppressed() throws Exception {
        String large = "MEAS_A_" + run;
        String small = "MEAS_B_" + run;
        for (int i = 0; i < 25; i++) {
            List<String> resources = new ArrayList<>(List.of(diabetes(), hba1c(i < 13 ? "7.0" : "10.5"),
                    inpatient("2026-01-01T08:00:00Z", "2026-01-03T12:00:00Z", null)));
            if (i < 12) { // readmitted 17 days after discharge
                resources.add(inpatient("2026-01-20T08:00:00Z", "2026-01-22T12:00:00Z", null));
            }
            post(large, resources);
        }
        for (int i = 0; i < 12; i++) {
            post(small, List.of(diabetes(), hba1c(i < 3 ? "6.5" : "9.8")));
        }

        JsonNode measures = hub.get("/api/measures?minPosition=" + position).json();

        JsonNode control = measure(measures, "hba1c-control");
        // other tests' sources share this hub: a lone small cell among them may hide one of these rows' counts too
        // (complementary suppression), so a count is checked where it is shown
        assertShownAs(row(control, large), 25, 13, 0.52);
        assertShownAs(row(control, small), 12, null, null);
        assertThat(row(control, small).path("numerator").isNull()).isTrue();
        assertThat(row(control, small).path("rate").isNull()).isTrue();
        assertThat(row(control, small).path("suppressed").asBoolean()).isTrue();
        JsonNode readmissions = measure(measures, "readmission-30d");
        assertShownAs(row(readmissions, large), 37, 12, 0.324);
        for (JsonNode measure : measures.path("measures")) {
            assertNoLoneHiddenCell(measure);
        }
        // narrowed to one source, nothing else shares the table: the counts are exactly what was sent
        JsonNode onlyLarge = hub.get("/api/measures?source=" + large).json();
        assertThat(measure(onlyLarge, "hba1c-control").at("/overall/numerator").asInt()).isEqualTo(13);
        assertThat(measure(onlyLarge, "hba1c-control").at("/overall/denominator").asInt()).isEqualTo(25);
        assertThat(measure(onlyLarge, "readmission-30d").at("/overall/numerator").asInt()).isEqualTo(12);
        assertThat(measure(onlyLarge, "readmission-30d").at("/overall/denominator").asInt()).isEqualTo(37);
        assertThat(measure(onlyLarge, "readmission-30d").at("/overall/rate").asDouble()).isEqualTo(0.324);
        JsonNode onlySmall = measure(hub.get("/api/measures?source=" + small).json(), "hba1c-control");
        assertThat(onlySmall.at("/overall/denominator").asInt()).isEqualTo(12);
        assertThat(onlySmall.at("/overall/numerator").isNull()).isTrue();
        assertThat(onlySmall.at("/bySource/0/numerator").isNull()).isTrue();
    }

    @Test
    void lace_scores_the_current_stay_from_its_length_acuity_comorbidities_and_earlier_ed_visits() throws Exception {
        String patient = post("LACE_" + run, List.of(
                condition("42343007", "Congestive heart failure"), condition("44054006", "Diabetes mellitus type 2"),
                condition("13645005", "Chronic obstructive lung disease"),
                emergency("2025-12-20T10:00:00Z", "2025-12-20T14:00:00Z"),
                emergency("2026-01-05T10:00:00Z", "2026-01-05T13:00:00Z"),
                emergency("2026-03-10T07:00:00Z", "2026-03-10T09:30:00Z"),
                inpatient("2026-03-10T10:00:00Z", "2026-03-15T12:00:00Z", "emd")));

        JsonNode lace = hub.get("/api/patients/" + patient + "/lace?minPosition=" + position).json();

        assertThat(lace.at("/lace/components").toString()).isEqualTo("{\"L\":4,\"A\":3,\"C\":3,\"E\":2}");
        assertThat(lace.at("/lace/score").asInt()).isEqualTo(12);
        assertThat(lace.at("/lace/risk").asText()).isEqualTo("high");
        assertThat(lace.at("/encounter/admitSource").asText()).isEqualTo("emd");
    }

    @Test
    void a_stay_sent_as_entered_in_error_is_not_the_stay_lace_scores() throws Exception {
        String patient = post("LACE_VOID_" + run, List.of(inpatient("2026-03-10T10:00:00Z", "2026-03-15T12:00:00Z",
                "emd"), inpatient("2026-04-01T10:00:00Z", "2026-04-09T12:00:00Z", null)
                .replace("\"finished\"", "\"entered-in-error\"")));

        JsonNode lace = hub.get("/api/patients/" + patient + "/lace?minPosition=" + position).json();

        assertThat(lace.at("/encounter/start").asText()).as(lace.toString()).isEqualTo("2026-03-10T10:00:00Z");
        assertThat(lace.at("/lace/components/L").asInt()).as("five days, not the void eight").isEqualTo(4);
    }

    @Test
    void a_stay_sent_without_its_admission_time_gets_no_score_and_a_reason_instead_of_an_error() throws Exception {
        String patient = post("LACE_NOSTART_" + run, List.of("""
                {"resourceType":"Encounter","status":"in-progress",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                 "subject":{"reference":"PATIENT"}}"""));

        HubClient.Response answer = hub.get("/api/patients/" + patient + "/lace?minPosition=" + position);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200); // was a 500: the unknown start overflowed
        assertThat(answer.json().path("lace").isNull()).isTrue();
        assertThat(answer.json().path("reason").asText()).isEqualTo(
                "no inpatient stay with a known admission time on record");
    }

    /** Each count is the one expected or hidden; a hidden numerator hides the rate and says so. */
    private static void assertShownAs(JsonNode row, int denominator, Integer numerator, Double rate) {
        if (!row.path("denominator").isNull()) {
            assertThat(row.path("denominator").asInt()).as(row.toString()).isEqualTo(denominator);
        }
        if (numerator == null || row.path("numerator").isNull()) {
            assertThat(row.path("numerator").isNull()).as(row.toString()).isTrue();
            assertThat(row.path("rate").isNull()).isTrue();
            assertThat(row.path("suppressed").asBoolean()).isTrue();
        } else {
            assertThat(row.path("numerator").asInt()).as(row.toString()).isEqualTo(numerator);
            assertThat(row.path("rate").asDouble()).isEqualTo(rate);
        }
    }

    private static void assertNoLoneHiddenCell(JsonNode measure) {
        long hidden = 0;
        for (JsonNode row : measure.path("bySource")) {
            hidden += row.path("numerator").isNull() ? 1 : 0;
        }
        if (!measure.at("/overall/numerator").isNull()) {
            assertThat(hidden).as(measure.toString()).isNotEqualTo(1);
        }
    }

    private static JsonNode measure(JsonNode measures, String id) {
        for (JsonNode measure : measures.path("measures")) {
            if (id.equals(measure.path("id").asText())) {
                return measure;
            }
        }
        throw new AssertionError("no measure " + id + " in " + measures);
    }

    private static JsonNode row(JsonNode measure, String source) {
        for (JsonNode row : measure.path("bySource")) {
            if (source.equals(row.path("sourceSystem").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + source + " in " + measure);
    }

    /** Posts a transaction bundle of one made-up patient and the given resources; returns the master patient id. */
    private String post(String source, List<String> resources) throws Exception {
        String patientId = UUID.randomUUID().toString();
        StringBuilder entries = new StringBuilder("""
                {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"urn:test:measures","value":"%s"}],
                 "name":[{"family":"%s","given":["Mo"]}],"gender":"male","birthDate":"%s"},
                 "request":{"method":"POST","url":"Patient"}}""".formatted(patientId, patientId, patientId,
                TestPeople.family(), TestPeople.birthDate()));
        for (String resource : resources) {
            entries.append(",{\"resource\":").append(resource.replace("PATIENT", "urn:uuid:" + patientId))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"x\"}}");
        }
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"id\":\"" + UUID.randomUUID()
                + "\",\"entry\":[" + entries + "]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/fhir")).header("Content-Type", "application/fhir+json")
                .header("X-Hub-Source", source).header("Authorization", "Bearer " + TestTokens.allRoles())
                .POST(HttpRequest.BodyPublishers.ofString(bundle)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        position = Math.max(position, Long.parseLong(response.headers().firstValue("X-Hub-Position").orElseThrow()));
        JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        return answer.at("/entry/0/response/location").asText().substring("Patient/".length());
    }

    private static String diabetes() {
        return condition("44054006", "Diabetes mellitus type 2");
    }

    private static String condition(String snomed, String display) {
        return """
                {"resourceType":"Condition","subject":{"reference":"PATIENT"},
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]},
                 "onsetDateTime":"2020-01-01T00:00:00Z"}""".formatted(snomed, display);
    }

    private static String hba1c(String percent) {
        return """
                {"resourceType":"Observation","status":"final","subject":{"reference":"PATIENT"},
                 "code":{"coding":[{"system":"http://loinc.org","code":"4548-4","display":"Hemoglobin A1c"}]},
                 "effectiveDateTime":"2025-12-01T09:00:00Z",
                 "valueQuantity":{"value":%s,"unit":"%%","system":"http://unitsofmeasure.org","code":"%%"}}"""
                .formatted(percent);
    }

    private static String inpatient(String start, String end, String admitSource) {
        return encounter("IMP", start, end, admitSource);
    }

    private static String emergency(String start, String end) {
        return encounter("EMER", start, end, null);
    }

    private static String encounter(String encounterClass, String start, String end, String admitSource) {
        String hospitalization = admitSource == null ? "" : ",\"hospitalization\":{\"admitSource\":{\"coding\":"
                + "[{\"system\":\"http://terminology.hl7.org/CodeSystem/admit-source\",\"code\":\"" + admitSource
                + "\"}]}}";
        return """
                {"resourceType":"Encounter","id":"%s","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"%s"},
                 "subject":{"reference":"PATIENT"},"period":{"start":"%s","end":"%s"}%s}"""
                .formatted(UUID.randomUUID(), encounterClass, start, end, hospitalization);
    }
}
