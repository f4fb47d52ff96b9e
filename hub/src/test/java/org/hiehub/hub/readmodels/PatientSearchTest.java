package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Patient search by name (spelled or sounding alike), birth date, gender and identifier, in REST and FHIR. */
@HubIntegrationTest
class PatientSearchTest {

    static final FhirContext FHIR = FhirContext.forR4();
    @LocalServerPort
    int port;
    HubClient hub;
    String family;
    String birthDate;
    String mrn;
    String patient;
    long position;

    @BeforeEach
    void register() {
        hub = new HubClient(port);
        family = TestPeople.family();
        birthDate = TestPeople.birthDate();
        mrn = "PS-" + UUID.randomUUID();
        JsonNode created = hub.post("/api/source-records", """
                {"sourceSystem":"HOSP_S","localId":"%s","demographics":{"names":[{"use":"official","family":"%s",
                 "given":["Catherine"]}],"birthDate":"%s","administrativeSex":"female",
                 "identifiers":[{"system":"urn:hosp-s:mrn","value":"%s"}]}}""".formatted(mrn, family, birthDate, mrn))
                .json();
        patient = created.path("masterPatientId").asText();
        position = created.path("position").asLong();
    }

    @Test
    void a_name_prefix_and_birth_date_find_the_patient_as_a_spelled_match() {
        JsonNode found = search("name=" + family.substring(0, 4) + "&birthDate=" + birthDate);

        assertThat(found.path("patients")).singleElement().satisfies(p -> {
            assertThat(p.path("masterPatientId").asText()).isEqualTo(patient);
            assertThat(p.path("nameMatch").asText()).isEqualTo("spelled");
            assertThat(p.has("search")).isFalse();
        });
    }

    @Test
    void a_name_spelled_differently_but_sounding_the_same_finds_the_patient_as_a_phonetic_match() {
        JsonNode found = search("name=Kathryn%20" + soundAlike(family) + "&birthDate=" + birthDate);

        assertThat(found.path("patients")).singleElement().satisfies(p -> {
            assertThat(p.path("masterPatientId").asText()).isEqualTo(patient);
            assertThat(p.path("nameMatch").asText()).isEqualTo("phonetic");
        });
    }

    @Test
    void every_criterion_given_must_match() {
        String otherDay = java.time.LocalDate.parse(birthDate).plusDays(1).toString();

        // Other tests' people share the hub, and a random name may sound like this one: ask about this patient only.
        assertThat(found("name=" + family + "&birthDate=" + otherDay)).doesNotContain(patient);
        assertThat(found("name=" + family + "&gender=male")).doesNotContain(patient);
        assertThat(found("name=" + family + "&gender=female")).contains(patient);
        assertThat(search("identifier=urn:hosp-s:mrn%7C" + mrn + "&name=" + family).path("total").asInt())
                .isEqualTo(1);
        assertThat(hub.get("/api/patients").status()).isEqualTo(400);
        assertThat(hub.get("/api/patients?birthDate=1-2-3").status()).isEqualTo(400);
    }

    private java.util.List<String> found(String query) {
        return search(query).path("patients").findValuesAsText("masterPatientId");
    }

    @Test
    void the_fhir_facade_finds_the_patient_by_a_sound_alike_name_and_birthdate() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.as("search-clinician",
                HubRole.CLINICIAN)));
        search("name=" + family); // read-your-writes once, so the FHIR search below sees the patient

        Bundle found = client.search().byUrl("Patient?name=" + soundAlike(family) + "&birthdate=" + birthDate
                + "&gender=female").returnBundle(Bundle.class).execute();

        assertThat(found.getEntry()).singleElement().satisfies(e -> assertThat(
                e.getResource().getIdElement().getIdPart()).isEqualTo(patient));
    }

    private JsonNode search(String query) {
        HubClient.Response response = hub.get("/api/patients?" + query + "&minPosition=" + position);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The same consonants with other vowels: spelled differently, the same Double Metaphone key. */
    private static String soundAlike(String name) {
        StringBuilder other = new StringBuilder(name.substring(0, 1));
        for (char c : name.substring(1).toCharArray()) {
            other.append(switch (c) {
                case 'a' -> 'o';
                case 'o' -> 'a';
                case 'e' -> 'i';
                case 'i' -> 'e';
                case 'u' -> 'o';
                default -> c;
            });
        }
        return other.toString();
    }
}
