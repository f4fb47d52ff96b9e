package org.hiehub.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The read facade as a real FHIR client uses it: HAPI's generic client against a Synthea patient. */
@HubIntegrationTest
class FhirFacadeTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final String SYNTHEA_ID = "d49945ce-9f8c-4974-80e3-0b38054dd45d";
    private static final String SYNTHEA_SSN = "999-79-2897";
    private static final String HOSPITAL = "http://hospital.smarthealthit.org";

    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;
    IGenericClient client;
    Bundle sent;
    String sourcePatientId;
    String family;
    String birthDate;
    String masterPatientId;

    @BeforeEach
    void ingestASyntheaPatient() throws IOException {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.allRoles()));
        // A made-up person per test: the MPI would link the fixture's own demographics across tests.
        sourcePatientId = UUID.randomUUID().toString();
        family = TestPeople.family();
        birthDate = TestPeople.birthDate();
        String ssn = "999-" + (10 + (int) (Math.random() * 89)) + "-" + (1000 + (int) (Math.random() * 8999));
        String json;
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SYNTHEA_ID, sourcePatientId)
                    .replace(SYNTHEA_SSN, ssn).replace("\"Gutmann\"", "\"" + family + "\"")
                    .replace("\"1984-01-04\"", "\"" + birthDate + "\"")
                    // the licence, passport, phone and street would otherwise link every test's person to one
                    .replace("S99924439", "S9" + digits(7)).replace("X40248938X", "X" + digits(8) + "X")
                    .replace("555-820-1109", "555-" + digits(3) + "-" + digits(4))
                    .replace("516 Kerluke Pathway Suite 49", digits(3) + " " + TestPeople.family() + " Road");
        }
        sent = FHIR.newJsonParser().parseResource(Bundle.class, json);
        HubClient.Response posted = new HubClient(port).post("/fhir", "application/fhir+json",
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        masterPatientId = posted.json().at("/entry/0/response/location").asText().substring("Patient/".length());
        // Read-your-writes once here (both views the facade reads), so the client below needs no extra parameter.
        HubClient.Response current = new HubClient(port).get("/fhir/Observation?patient=" + masterPatientId
                + "&minPosition=" + posted.header("X-Hub-Position"));
        assertThat(current.status()).as(current.body()).isEqualTo(200);
    }

    @Test
    void the_capability_statement_lists_patient_read_and_search_and_observation_search() {
        CapabilityStatement statement = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(statement.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "Observation", "Condition", "Encounter", "MedicationRequest",
                        "AllergyIntolerance", "Immunization");
    }

    @Test
    void the_patient_is_read_by_its_master_id_and_found_by_identifier_name_birthdate_and_gender() {
        Patient patient = client.read().resource(Patient.class).withId(masterPatientId).execute();

        assertThat(patient.getIdElement().getIdPart()).isEqualTo(masterPatientId);
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(family);
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo(birthDate);
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(patient.getIdentifier()).anySatisfy(id -> assertThat(id.getValue()).isEqualTo(sourcePatientId));

        Bundle byIdentifier = client.search().byUrl("Patient?identifier=" + HOSPITAL + "|" + sourcePatientId)
                .returnBundle(Bundle.class).execute();
        Bundle byDemographics = client.search().byUrl("Patient?name=" + family + "&birthdate=" + birthDate
                + "&gender=male").returnBundle(Bundle.class).execute();

        assertThat(byIdentifier.getEntry()).singleElement()
                .satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(masterPatientId));
        assertThat(byDemographics.getEntry()).singleElement()
                .satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(masterPatientId));
    }

    @Test
    void an_unknown_patient_is_answered_not_found() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.read().resource(Patient.class)
                .withId("no-such-patient").execute()).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_search_without_its_required_parameter_is_refused_with_an_operation_outcome() {
        HubClient.Response refused = new HubClient(port).get("/fhir/Observation?code=8302-2");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(refused.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(refused.json().at("/issue/0/severity").asText()).isEqualTo("error");
    }

    @Test
    void the_observations_of_the_patient_are_exactly_those_the_bundle_sent() {
        Bundle found = client.search().byUrl("Observation?patient=" + masterPatientId)
                .returnBundle(Bundle.class).execute();

        assertThat(allPages(found)).hasSize(count("Observation"));
        assertThat(found.getTotal()).isEqualTo(count("Observation"));
        Observation first = (Observation) found.getEntryFirstRep().getResource();
        assertThat(first.getSubject().getReference()).isEqualTo("Patient/" + masterPatientId);
        assertThat(first.getCode().getCodingFirstRep().getCode()).isNotBlank();
        assertThat(first.hasEffectiveDateTimeType()).isTrue();
    }

    @Test
    void conditions_encounters_medications_allergies_and_immunizations_are_searched_by_patient_as_sent() {
        for (String type : List.of("Condition", "Encounter", "MedicationRequest", "AllergyIntolerance",
                "Immunization")) {
            Bundle found = client.search().byUrl(type + "?patient=Patient/" + masterPatientId)
                    .returnBundle(Bundle.class).execute();

            List<Bundle.BundleEntryComponent> all = allPages(found);
            assertThat(all).as(type).hasSize(count(type));
            all.forEach(e -> assertThat(e.getResource().fhirType()).isEqualTo(type));
        }
    }

    @Test
    void a_condition_search_narrows_by_code_and_an_encounter_search_by_date() {
        Condition sentCondition = (Condition) sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Condition).findFirst().orElseThrow();
        String snomed = sentCondition.getCode().getCodingFirstRep().getCode();
        long sameCode = sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Condition c && snomed.equals(c.getCode().getCodingFirstRep().getCode()))
                .count();
        String year = new java.text.SimpleDateFormat("yyyy").format(((Encounter) sent.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof Encounter).findFirst()
                .orElseThrow()).getPeriod().getStart());
        long inYear = sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Encounter e && year.equals(e.getPeriod().getStartElement().getValueAsString()
                        .substring(0, 4))).count();

        Bundle byCode = client.search().byUrl("Condition?patient=" + masterPatientId + "&code=http://snomed.info/sct|"
                + snomed).returnBundle(Bundle.class).execute();
        Bundle byDate = client.search().byUrl("Encounter?patient=" + masterPatientId + "&date=" + year)
                .returnBundle(Bundle.class).execute();

        assertThat(allPages(byCode)).hasSize((int) sameCode);
        assertThat(((Condition) byCode.getEntryFirstRep().getResource()).getCode().getCodingFirstRep().getCode())
                .isEqualTo(snomed);
        assertThat(allPages(byDate)).hasSize((int) inYear);
    }

    @Test
    void an_hl7_admission_discharged_later_is_one_encounter_with_its_end() {
        String run = sourcePatientId.substring(0, 8);
        String pid = "PID|1||ENC-" + run + "^^^ENCHOSP^MR||" + TestPeople.family() + "^Ann||"
                + TestPeople.birthDate().replace("-", "") + "|F\r";
        String admitted = "20261120080000+0000";
        String discharged = "20261122100000+0000";
        HubClient hub = new HubClient(port);
        hub.post("/ingest/hl7v2", "x-application/hl7-v2+er7", adt("A01", "A01-" + run, pid, visit(run, admitted, "")));
        HubClient.Response ack = hub.post("/ingest/hl7v2", "x-application/hl7-v2+er7",
                adt("A03", "A03-" + run, pid, visit(run, admitted, discharged)));
        assertThat(ack.body()).contains("MSA|AA|A03-" + run);
        long position = positions.head();

        String patient = hub.getRaw("/fhir/Patient?identifier=ENCHOSP|ENC-" + run + "&minPosition=" + position)
                .json().at("/entry/0/resource/id").asText();
        // the patient search waits for the summary only: the timeline, which holds the discharge, is waited for here
        JsonNode encounters = hub.get("/fhir/Encounter?patient=" + patient + "&minPosition=" + position).json();

        assertThat(encounters.path("total").asInt()).isEqualTo(1);
        JsonNode encounter = encounters.at("/entry/0/resource");
        assertThat(encounter.path("status").asText()).isEqualTo("finished");
        assertThat(encounter.at("/period/start").asText()).startsWith("2026-11-20T08:00:00");
        assertThat(encounter.at("/period/end").asText()).startsWith("2026-11-22T10:00:00");
        assertThat(hub.get("/fhir/Patient/" + patient + "/$everything?minPosition=" + position).json().path("entry"))
                .filteredOn(e -> e.at("/resource/resourceType").asText().equals("Encounter")).hasSize(1)
                .allSatisfy(e -> assertThat(e.at("/resource/period/end").isTextual()).isTrue());
    }

    private static byte[] adt(String event, String controlId, String pid, String pv1) {
        return ("MSH|^~\\&|ADT|ENCHOSP|HIEHUB|HIE|20261122100000||ADT^" + event + "^ADT_" + event + "|" + controlId
                + "|P|2.5.1\rEVN|" + event + "|20261122100000\r" + pid + pv1).getBytes(StandardCharsets.UTF_8);
    }

    /** A PV1 with the visit number (PV1-19), admission (PV1-44) and discharge (PV1-45) times. */
    private static String visit(String run, String admitted, String discharged) {
        String[] fields = new String[46];
        Arrays.fill(fields, "");
        fields[0] = "PV1";
        fields[1] = "1";
        fields[2] = "I";
        fields[19] = "V-" + run;
        fields[44] = admitted;
        fields[45] = discharged;
        return String.join("|", fields) + "\r";
    }

    @Test
    void a_search_pages_count_entries_at_a_time_and_its_next_links_reach_every_match_once() {
        Bundle first = client.search().byUrl("Observation?patient=" + masterPatientId + "&_count=7")
                .returnBundle(Bundle.class).execute();

        assertThat(count("Observation")).isGreaterThan(14);
        assertThat(first.getEntry()).hasSize(7);
        assertThat(first.getTotal()).isEqualTo(count("Observation"));
        assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
        List<String> ids = allPages(first).stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
        assertThat(ids).hasSize(count("Observation")).doesNotHaveDuplicates();
        assertThat(new HubClient(port).get("/fhir/Observation?patient=" + masterPatientId + "&_count=0").status())
                .isEqualTo(400);
    }

    @Test
    void a_search_without_a_total_pages_through_the_same_matches_in_the_same_order() {
        for (String type : List.of("Observation", "Condition", "Encounter")) {
            Bundle counted = client.search().byUrl(type + "?patient=" + masterPatientId + "&_count=5")
                    .returnBundle(Bundle.class).execute();
            Bundle uncounted = client.search().byUrl(type + "?patient=" + masterPatientId + "&_count=5&_total=none")
                    .returnBundle(Bundle.class).execute();

            assertThat(uncounted.hasTotal()).as(type).isFalse();
            assertThat(ids(allPages(uncounted))).as(type).isEqualTo(ids(allPages(counted)));
        }
        int year = sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o && o.hasEffectiveDateTimeType())
                .map(r -> ((Observation) r).getEffectiveDateTimeType().getYear()).findFirst().orElseThrow();
        for (String dates : List.of("&date=" + year, "&date=ge" + year + "-01-01&date=lt" + (year + 1) + "-01-01",
                "&date=ne" + year)) {
            Bundle counted = client.search().byUrl("Observation?patient=" + masterPatientId + "&_count=4" + dates)
                    .returnBundle(Bundle.class).execute();
            assertThat(counted.getTotal()).as(dates).isPositive();
            Bundle uncounted = client.search().byUrl("Observation?patient=" + masterPatientId + "&_count=4"
                    + "&_total=none" + dates).returnBundle(Bundle.class).execute();
            assertThat(ids(allPages(uncounted))).as(dates).isEqualTo(ids(allPages(counted)));
        }
        Bundle byCode = client.search().byUrl("Observation?patient=" + masterPatientId + "&_total=none&code="
                + firstObservationCode()).returnBundle(Bundle.class).execute();
        assertThat(allPages(byCode)).isNotEmpty().allSatisfy(e -> assertThat(((Observation) e.getResource())
                .getCode().getCodingFirstRep().getCode()).isEqualTo(firstObservationCode()));
        assertThat(new HubClient(port).get("/fhir/Observation?patient=" + masterPatientId + "&_total=some")
                .status()).isEqualTo(400);
    }

    private String firstObservationCode() {
        return sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation).map(r -> ((Observation) r).getCode().getCodingFirstRep()
                        .getCode()).findFirst().orElseThrow();
    }

    private static List<String> ids(List<Bundle.BundleEntryComponent> entries) {
        return entries.stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    /** The entries of a searchset and of every page its next links lead to. */
    private List<Bundle.BundleEntryComponent> allPages(Bundle first) {
        List<Bundle.BundleEntryComponent> all = new java.util.ArrayList<>(first.getEntry());
        for (Bundle page = first; page.getLink(Bundle.LINK_NEXT) != null; ) {
            page = client.loadPage().next(page).execute();
            all.addAll(page.getEntry());
        }
        return all;
    }

    @Test
    void everything_holds_as_many_observations_per_loinc_code_as_the_bundle() {
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof Observation)
                .forEach(r -> expected.merge(((Observation) r).getCode().getCodingFirstRep().getCode(), 1L, Long::sum));
        java.util.Map<String, Long> seen = new java.util.TreeMap<>();
        Bundle page = client.search().byUrl("http://localhost:" + port + "/fhir/Patient/" + masterPatientId
                + "/$everything?_count=50").returnBundle(Bundle.class).execute();
        while (true) {
            page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r instanceof Observation)
                    .forEach(r -> seen.merge(((Observation) r).getCode().getCodingFirstRep().getCode(), 1L, Long::sum));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }

        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void everything_pages_through_each_resource_once_and_misses_none() {
        Bundle page = client.search().byUrl("http://localhost:" + port + "/fhir/Patient/" + masterPatientId
                        + "/$everything?_count=7")
                .returnBundle(Bundle.class).execute();
        int expected = 1 + count("Observation") + count("Encounter") + count("Condition") + count("Immunization")
                + count("MedicationRequest") + count("AllergyIntolerance");
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(7);
            page.getEntry().forEach(e -> seen.add(e.getFullUrl()));
            pages++;
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }

        assertThat(page.getTotal()).isEqualTo(expected);
        assertThat(seen).hasSize(expected).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).contains("Patient/" + masterPatientId);
        assertThat(pages).isEqualTo((expected + 6) / 7);
    }

    private static String digits(int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }

    private int count(String type) {
        return (int) sent.getEntry().stream().filter(e -> e.getResource().fhirType().equals(type)).count();
    }
}
