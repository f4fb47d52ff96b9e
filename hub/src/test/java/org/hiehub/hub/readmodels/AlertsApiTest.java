package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Alerts from HL7 v2 and FHIR input: critical results, admissions, drug–allergy conflicts; feed and live stream. */
@HubIntegrationTest
class AlertsApiTest {

    static final String ER7 = "x-application/hl7-v2+er7";
    static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;
    HubClient hub;
    String run;
    String mrn;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        mrn = "AL-" + run;
    }

    @Test
    void a_potassium_of_6_5_gives_exactly_one_critical_alert_even_when_the_message_is_sent_twice() {
        String oru = oru("K-" + run, "6.5", "H");
        assertThat(hl7(oru).body()).contains("MSA|AA");
        assertThat(hl7(oru).body()).contains("MSA|AA");
        long position = positions.head();

        String patient = patientByMrn(position);
        JsonNode alerts = hub.get("/api/patients/" + patient + "/alerts?minPosition=" + position).json()
                .path("alerts");

        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("type").asText()).isEqualTo("critical-lab");
        assertThat(alert.path("masterPatientId").asText()).isEqualTo(patient);
        assertThat(alert.at("/details/code/code").asText()).isEqualTo("2823-3");
        assertThat(alert.at("/details/direction").asText()).isEqualTo("above");
        assertThat(alert.path("title").asText()).contains("6.5 mmol/L");
        JsonNode summary = hub.get("/api/patients/" + patient + "?minPosition=" + position).json();
        assertThat(summary.at("/alerts/total").asInt()).isEqualTo(1);
        assertThat(summary.at("/alerts/recent/0/alertId").asText()).isEqualTo(alert.path("alertId").asText());
    }

    @Test
    void a_normal_potassium_raises_nothing_and_an_inpatient_admission_raises_a_notification() {
        hl7(oru("K-" + run, "4.2", "N"));
        hl7(adtA01("A-" + run));
        long position = positions.head();

        String patient = patientByMrn(position);
        JsonNode alerts = hub.get("/api/patients/" + patient + "/alerts?minPosition=" + position).json()
                .path("alerts");

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.path("type").asText()).isEqualTo("admission");
            assertThat(a.at("/details/encounterId").asText()).isEqualTo("V-" + run);
        });
    }

    @Test
    void a_penicillin_allergy_and_an_amoxicillin_order_from_fhir_are_a_drug_allergy_conflict() {
        HubClient.Response posted = hub.post("/fhir", "application/fhir+json",
                allergyAndOrderBundle().getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String patient = posted.json().at("/entry/0/response/location").asText().substring("Patient/".length());

        JsonNode alerts = hub.get("/api/patients/" + patient + "/alerts?minPosition="
                + posted.header("X-Hub-Position")).json().path("alerts");

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.path("type").asText()).isEqualTo("drug-allergy");
            assertThat(a.at("/details/drugClass").asText()).isEqualTo("Penicillins");
            assertThat(a.at("/details/medication/code").asText()).isEqualTo("308182");
            assertThat(a.at("/details/allergy/code").asText()).isEqualTo("91936005");
        });
    }

    @Test
    void the_feed_pages_newest_first_without_repeating_an_alert() {
        hl7(oru("K1-" + run, "6.8", "HH"));
        hl7(oru("K2-" + run, "2.1", "LL"));
        hl7(adtA01("A-" + run));
        long position = positions.head();

        List<String> seen = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = hub.get("/api/alerts?limit=2&minPosition=" + position
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("alerts").forEach(a -> {
                seen.add(a.path("alertId").asText());
                order.add(a.path("position").asLong());
            });
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
        assertThat(order).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void the_live_stream_sends_a_clinician_the_critical_results_after_the_position_asked() throws Exception {
        long before = positions.head();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/alerts/stream?after=" + before)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestTokens.as("stream-clinician", HubRole.CLINICIAN)).GET().build();
        // the stream answers from position `before` on, so it does not matter whether the result lands first
        CompletableFuture<HttpResponse<Stream<String>>> subscribed = http.sendAsync(subscribe,
                HttpResponse.BodyHandlers.ofLines());
        hl7(oru("K-" + run, "7.1", "HH"));
        HttpResponse<Stream<String>> response = subscribed.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        CompletableFuture<JsonNode> received = CompletableFuture.supplyAsync(() -> {
            String event = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "alert".equals(event)) {
                    JsonNode alert = read(line.substring(5));
                    if (alert.path("title").asText().contains("7.1")) {
                        return alert;
                    }
                }
            }
            return null;
        });

        JsonNode alert = received.get(30, TimeUnit.SECONDS);
        response.body().close();
        assertThat(alert.path("type").asText()).isEqualTo("critical-lab");
        assertThat(alert.path("position").asLong()).isGreaterThan(before);
    }

    @Test
    void a_synthea_bundle_raises_exactly_the_alerts_its_values_imply() throws IOException {
        String id = UUID.randomUUID().toString();
        String text;
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(SyntheaReadModelTest.SYNTHEA_ID, id)
                    .replace(SyntheaReadModelTest.SYNTHEA_SSN, "999-" + run.substring(0, 2).replaceAll("\\D", "1")
                            + "1-" + (1000 + (int) (Math.random() * 8999)))
                    .replace("\"Gutmann\"", "\"" + TestPeople.family() + "\"")
                    .replace("\"1984-01-04\"", "\"" + TestPeople.birthDate() + "\"");
        }
        JsonNode bundle = JSON.readTree(text);
        HubClient.Response posted = hub.post("/fhir", "application/fhir+json", text.getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String patient = posted.json().at("/entry/0/response/location").asText().substring("Patient/".length());

        JsonNode alerts = hub.get("/api/patients/" + patient + "/alerts?minPosition="
                + posted.header("X-Hub-Position")).json().path("alerts");

        long critical = 0;
        long admissions = 0;
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            if ("Observation".equals(r.path("resourceType").asText()) && isCritical(r)) {
                critical++;
            }
            if ("Encounter".equals(r.path("resourceType").asText()) && "IMP".equals(r.at("/class/code").asText())) {
                admissions++;
            }
        }
        long records = hub.get("/api/patients/" + patient).json().path("sourceRecords").size();
        assertThat(count(alerts, "critical-lab")).isEqualTo(critical * records);
        assertThat(count(alerts, "admission")).isEqualTo(admissions * records);
        assertThat(count(alerts, "drug-allergy")).isZero(); // the bundle has no allergies
    }

    /** The default table, as a reader of the bundle would apply it. */
    private static boolean isCritical(JsonNode observation) {
        String code = observation.at("/code/coding/0/code").asText();
        double value = observation.at("/valueQuantity/value").asDouble(Double.NaN);
        return switch (code) {
            case "2823-3", "6298-4" -> value > 6.0 || value < 2.5;
            case "2345-7", "2339-0" -> value < 50 || value > 500;
            case "718-7" -> value < 7;
            case "777-3" -> value < 20;
            default -> false;
        };
    }

    private static long count(JsonNode alerts, String type) {
        long n = 0;
        for (JsonNode alert : alerts) {
            n += type.equals(alert.path("type").asText()) ? 1 : 0;
        }
        return n;
    }

    private String patientByMrn(long position) {
        JsonNode found = hub.get("/api/patients?identifier=ACME_LAB%7C" + mrn + "&minPosition=" + position).json();
        assertThat(found.path("total").asInt()).as(found.toString()).isEqualTo(1);
        return found.at("/patients/0/masterPatientId").asText();
    }

    private HubClient.Response hl7(String message) {
        HubClient.Response response = hub.post("/ingest/hl7v2", ER7, message.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private String pid() {
        return "PID|1||" + mrn + "^^^ACME_LAB^MR||" + family + "^Ann||" + birthDate.replace("-", "") + "|F\n";
    }

    private final String family = TestPeople.family();
    private final String birthDate = TestPeople.birthDate();

    private String oru(String controlId, String potassium, String flag) {
        return "MSH|^~\\&|LIS|ACME_LAB|HIEHUB|HIE|20260510080000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\n"
                + pid()
                + "OBR|1||ORD-" + controlId + "|24323-8^Comprehensive metabolic panel^LN|||20260510074500\n"
                + "OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||" + potassium
                + "|mmol/L|3.5-5.1|" + flag + "|||F|||20260510074500\n";
    }

    private String adtA01(String controlId) {
        return "MSH|^~\\&|ADT|ACME_LAB|HIEHUB|HIE|20260510090000||ADT^A01^ADT_A01|" + controlId + "|P|2.5.1\n"
                + "EVN|A01|20260510090000\n"
                + pid()
                + "PV1|1|I|4E^401^B^ACME||||||||||||||||V-" + run + "|||||||||||||||||||||||||20260510085500\n";
    }

    private String allergyAndOrderBundle() {
        String patientId = UUID.randomUUID().toString();
        return """
                {"resourceType":"Bundle","type":"transaction","id":"%s","entry":[
                 {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s",
                   "identifier":[{"system":"urn:test:pharmacy","value":"%s"}],
                   "name":[{"family":"%s","given":["Bea"]}],"gender":"female","birthDate":"%s"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"AllergyIntolerance","patient":{"reference":"urn:uuid:%s"},
                   "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
                   "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"confirmed"}]},
                   "category":["medication"],"criticality":"high",
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"91936005","display":"Allergy to penicillin"}]},
                   "recordedDate":"2026-04-01T10:00:00Z"},
                  "request":{"method":"POST","url":"AllergyIntolerance"}},
                 {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
                   "subject":{"reference":"urn:uuid:%s"},
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"308182","display":"Amoxicillin 250 MG Oral Capsule"}]},
                   "authoredOn":"2026-05-10T09:00:00Z"},
                  "request":{"method":"POST","url":"MedicationRequest"}}]}
                """.formatted(UUID.randomUUID(), patientId, patientId, run, TestPeople.family(),
                TestPeople.birthDate(), patientId, patientId);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
