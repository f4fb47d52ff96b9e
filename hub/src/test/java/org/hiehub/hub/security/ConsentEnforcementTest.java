package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/**
 * Consent on every read: a category a patient withholds is absent from the summary, the timeline and every FHIR
 * search (totals included); a full opt-out refuses the patient until a clinician breaks the glass, for that
 * clinician only and only until it expires.
 */
@HubIntegrationTest
class ConsentEnforcementTest {

    static final String PHQ9 = "44261-6";
    static final String GLUCOSE = "2345-7";
    static final String DEPRESSION = "F32.9";
    static final String HYPERTENSION = "38341003";

    @LocalServerPort
    int port;
    HubClient integrator;
    HubClient clinician;
    HubClient privacyOfficer;
    String patient;

    @BeforeEach
    void aPatientWithMentalHealthAndOrdinaryFacts() {
        integrator = new HubClient(port, TestTokens.as("feed", HubRole.INTEGRATOR));
        clinician = new HubClient(port, TestTokens.as("dr-grey", HubRole.CLINICIAN));
        privacyOfficer = new HubClient(port, TestTokens.as("po-kim", HubRole.PRIVACY_OFFICER));
        HubClient.Response posted = integrator.post("/fhir", "application/fhir+json",
                bundle().getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String location = posted.json().at("/entry/0/response/location").asText();
        patient = location.substring("Patient/".length()).split("/")[0];
        long position = Long.parseLong(posted.header("X-Hub-Position"));
        HubClient.Response summary = clinician.get("/api/patients/" + patient + "?minPosition=" + position);
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(codesIn(clinician.get("/api/patients/" + patient + "/timeline?minPosition=" + position).json()
                .path("entries"))).containsExactlyInAnyOrder(PHQ9, GLUCOSE, DEPRESSION, HYPERTENSION);
    }

    @Test
    void a_withheld_category_is_absent_from_summary_timeline_and_fhir_searches_including_totals() {
        HubClient.Response directive = privacyOfficer.post("/api/consents/" + patient + "/directives", """
                {"provision":"DENY","categories":["mental-health"]}""");
        assertThat(directive.status()).as(directive.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(codesIn(
                clinician.get("/api/patients/" + patient + "/timeline").json().path("entries")))
                .containsExactlyInAnyOrder(GLUCOSE, HYPERTENSION));

        JsonNode clinical = clinician.get("/api/patients/" + patient).json().path("clinical");
        assertThat(codesIn(clinical.path("labs"))).contains(GLUCOSE).doesNotContain(PHQ9);
        assertThat(codesIn(clinical.path("problems"))).contains(HYPERTENSION).doesNotContain(DEPRESSION);

        JsonNode observations = clinician.get("/fhir/Observation?patient=" + patient).json();
        assertThat(observations.path("total").asInt()).isEqualTo(1);
        assertThat(observations.toString()).contains(GLUCOSE).doesNotContain(PHQ9);
        JsonNode conditions = clinician.get("/fhir/Condition?patient=" + patient).json();
        assertThat(conditions.path("total").asInt()).isEqualTo(1);
        assertThat(conditions.toString()).doesNotContain(DEPRESSION);
        String everything = clinician.get("/fhir/Patient/" + patient + "/$everything").body();
        assertThat(everything).contains(GLUCOSE, HYPERTENSION).doesNotContain(PHQ9, DEPRESSION);

        // The directive names a purpose of use only through its own scope: research reads are not treatment reads.
        JsonNode file = clinician.get("/api/consents/" + patient).json();
        assertThat(file.path("directives")).hasSize(1);
    }

    @Test
    void a_full_opt_out_refuses_the_patient_until_a_clinician_breaks_the_glass_for_a_limited_time() {
        assertThat(privacyOfficer.post("/api/consents/" + patient + "/directives", """
                {"provision":"DENY"}""").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> clinician.get("/api/patients/" + patient).status() == 403);

        HubClient.Response refused = clinician.get("/api/patients/" + patient);
        assertThat(refused.body()).contains("consent").contains("break-glass");
        assertThat(clinician.get("/fhir/Patient/" + patient).body()).contains("OperationOutcome");
        assertThat(clinician.get("/fhir/Patient/" + patient + "/$everything").status()).isEqualTo(403);
        assertThat(clinician.get("/api/patients/" + patient + "/timeline").status()).isEqualTo(403);

        HubClient.Response glass = clinician.post("/api/break-glass", """
                {"masterPatientId":"%s","reason":"EMERGENCY_TREATMENT","note":"unconscious in ED","duration":"PT4S"}"""
                .formatted(patient));
        assertThat(glass.status()).as(glass.body()).isEqualTo(201);
        String accessId = glass.json().path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> clinician.get("/api/patients/" + patient).status() == 200);
        HubClient colleague = new HubClient(port, TestTokens.as("dr-house", HubRole.CLINICIAN));
        assertThat(colleague.get("/api/patients/" + patient).status()).as("only the clinician who broke the glass")
                .isEqualTo(403);
        assertThat(privacyOfficer.get("/api/break-glass?reviewed=false").body()).contains(accessId)
                .contains("EMERGENCY_TREATMENT");

        await().atMost(Duration.ofSeconds(15)).until(() -> clinician.get("/api/patients/" + patient).status() == 403);

        HubClient auditor = new HubClient(port, TestTokens.as("aud-lee", HubRole.AUDITOR));
        JsonNode trail = auditor.get("/api/audit?patient=" + patient + "&actor=dr-grey").json().path("entries");
        List<String> outcomes = new ArrayList<>();
        trail.forEach(e -> outcomes.add(e.path("outcome").asText()));
        assertThat(outcomes).contains("denied", "break-the-glass");
        String events = auditor.get("/api/audit/AuditEvent?patient=" + patient + "&outcome=break-the-glass").body();
        assertThat(events).contains("AuditEvent").contains("110127").contains("ETREAT").contains(accessId);

        assertThat(privacyOfficer.post("/api/break-glass/" + accessId + "/review", """
                {"masterPatientId":"%s","justified":true,"comment":"ED admission confirmed"}""".formatted(patient))
                .status()).isEqualTo(200);
    }

    private static List<String> codesIn(JsonNode items) {
        List<String> codes = new ArrayList<>();
        items.forEach(item -> codes.add(item.path("code").path("code").asText()));
        return codes;
    }

    private static String bundle() {
        String id = UUID.randomUUID().toString();
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s",
                   "identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"MRN-%1$s"}],
                   "name":[{"family":"%2$s","given":["Consuela"]}],"gender":"female","birthDate":"%3$s"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Condition","subject":{"reference":"urn:uuid:%1$s"},
                   "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                   "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"F32.9","display":"Major depressive disorder"}]},
                   "onsetDateTime":"2025-03-01"},"request":{"method":"POST","url":"Condition"}},
                 {"resource":{"resourceType":"Condition","subject":{"reference":"urn:uuid:%1$s"},
                   "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003","display":"Hypertension"}]},
                   "onsetDateTime":"2024-06-01"},"request":{"method":"POST","url":"Condition"}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"urn:uuid:%1$s"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"44261-6","display":"PHQ-9 total score"}]},
                   "effectiveDateTime":"2025-03-01T10:00:00Z","valueQuantity":{"value":17,"unit":"{score}"}},
                  "request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"urn:uuid:%1$s"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"2345-7","display":"Glucose"}]},
                   "effectiveDateTime":"2025-03-02T10:00:00Z",
                   "valueQuantity":{"value":95,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}},
                  "request":{"method":"POST","url":"Observation"}}]}
                """.formatted(id, TestPeople.family(), TestPeople.birthDate());
    }
}
