package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** After a Synthea bundle is ingested, the timeline and the summary hold exactly what the bundle implies. */
@HubIntegrationTest
class SyntheaReadModelTest {

    static final String SYNTHEA_ID = "d49945ce-9f8c-4974-80e3-0b38054dd45d";
    static final String SYNTHEA_SSN = "999-79-2897";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> TYPES = Map.of("Observation", "observation", "Encounter", "encounter",
            "Condition", "condition", "Immunization", "immunization", "MedicationRequest", "medication",
            "AllergyIntolerance", "allergy");
    @LocalServerPort
    int port;
    HubClient hub;
    JsonNode bundle;
    String patient;
    String position;
    String record;

    @BeforeEach
    void ingest() throws IOException {
        hub = new HubClient(port);
        String id = UUID.randomUUID().toString(); // a fresh person: the tests share one database
        String ssn = "999-" + (10 + (int) (Math.random() * 89)) + "-" + (1000 + (int) (Math.random() * 8999));
        // another name and birth date too, so the MPI does not link this person to another test's copy
        String family = "Gutmann" + id.substring(0, 6).replaceAll("[0-9]", "x");
        String birthDate = java.time.LocalDate.of(1930, 1, 1).plusDays((long) (Math.random() * 30_000)).toString();
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SYNTHEA_ID, id)
                    .replace(SYNTHEA_SSN, ssn).replace("\"Gutmann\"", "\"" + family + "\"")
                    .replace("\"1984-01-04\"", "\"" + birthDate + "\"");
            bundle = JSON.readTree(text);
            HubClient.Response posted = hub.post("/fhir", "application/fhir+json",
                    text.getBytes(StandardCharsets.UTF_8));
            assertThat(posted.status()).as(posted.body()).isEqualTo(200);
            position = posted.header("X-Hub-Position");
        }
        JsonNode found = hub.get("/api/patients?identifier=http://hospital.smarthealthit.org%7C" + id
                + "&minPosition=" + position).json().at("/patients/0");
        patient = found.path("masterPatientId").asText();
        // Copies from other tests share the bundle's driver's licence and passport, so the MPI may link them to
        // this master patient: count only this ingestion's source record.
        for (JsonNode linked : found.path("sourceRecords")) {
            if (id.equals(linked.path("localId").asText())) {
                record = linked.path("sourceRecordId").asText();
            }
        }
        assertThat(record).as(found.path("sourceRecords").toString()).isNotNull();
    }

    @Test
    void the_timeline_holds_one_entry_per_fact_and_as_many_observations_per_loinc_code_as_the_bundle() {
        List<JsonNode> entries = allTimelinePages("");

        assertThat(entries.stream().map(e -> e.path("factId").asText()).distinct()).hasSize(entries.size());
        Map<String, Long> expected = bundleCountBy(r -> TYPES.get(r.path("resourceType").asText()));
        // a FHIR Encounter with a period end is also an EncounterEnded fact
        expected.put("encounter-end", bundleCountBy(r -> "Encounter".equals(r.path("resourceType").asText())
                && r.at("/period/end").isTextual() ? "ended" : null).getOrDefault("ended", 0L));
        expected.values().removeIf(count -> count == 0);
        assertThat(countBy(entries, e -> e.path("type").asText())).isEqualTo(expected);
        List<JsonNode> observations = allTimelinePages("&type=observation");
        assertThat(countBy(observations, e -> e.at("/code/code").asText())).isEqualTo(bundleCountBy(
                r -> "Observation".equals(r.path("resourceType").asText()) ? loinc(r) : null));
    }

    @Test
    void the_summary_shows_the_latest_value_of_every_loinc_code_the_bundle_observed() {
        JsonNode summary = hub.get("/api/patients/" + patient + "?minPosition=" + position).json();

        List<String> codes = new ArrayList<>();
        summary.at("/clinical/labs").forEach(lab -> codes.add(lab.at("/code/code").asText()));
        java.util.Set<String> expected = new java.util.TreeSet<>(bundleCountBy(
                r -> "Observation".equals(r.path("resourceType").asText()) ? loinc(r) : null).keySet());
        // a panel's components (a blood pressure's systolic and diastolic) are results of their own
        bundle.path("entry").forEach(e -> e.at("/resource/component").forEach(c -> expected.add(loinc(c))));
        assertThat(expected).contains("8480-6", "8462-4");
        assertThat(codes).containsExactlyInAnyOrderElementsOf(expected);
        summary.at("/clinical/labs").forEach(lab -> assertThat(lab.at("/code/mapped").asBoolean()).isTrue());
        long encounters = summary.path("sourceRecords").size() * bundleCountBy(r -> r.path("resourceType").asText())
                .get("Encounter");
        assertThat(summary.at("/clinical/encounters").size()).isEqualTo((int) Math.min(10, encounters));
        assertThat(summary.at("/clinical/mappingVersions/0").asText()).isNotBlank();
    }

    @Test
    void the_summary_merges_open_care_gaps_alerts_and_the_quality_of_the_data_it_is_built_from() {
        JsonNode summary = hub.get("/api/patients/" + patient + "?minPosition=" + position).json();
        JsonNode gaps = hub.get("/api/patients/" + patient + "/care-gaps").json();

        assertThat(summary.at("/careGaps/open").findValuesAsText("rule"))
                .containsExactlyElementsOf(gaps.path("gaps").findValuesAsText("rule"));
        assertThat(summary.at("/careGaps/asOf").asText()).isEqualTo(gaps.path("asOf").asText());
        assertThat(summary.at("/alerts/total").asInt()).isZero(); // no critical value, admission or allergy
        assertThat(summary.at("/quality/messages").asInt()).isPositive();
        assertThat(summary.at("/quality/score").asDouble()).isBetween(60.0, 100.0);
    }

    @Test
    void a_timeline_page_says_how_current_it_is_and_an_unknown_patient_is_404() {
        HubClient.Response page = hub.get("/api/patients/" + patient + "/timeline?limit=5&minPosition=" + position);

        assertThat(page.status()).isEqualTo(200);
        assertThat(Long.parseLong(page.header("X-Hub-View-Position"))).isGreaterThanOrEqualTo(
                Long.parseLong(position));
        assertThat(page.json().path("entries")).hasSize(5);
        assertThat(hub.get("/api/patients/no-such-patient/timeline").status()).isEqualTo(404);
    }

    @Test
    void the_influenza_gap_follows_the_bundles_vaccinations_as_of_the_date_asked() {
        JsonNode inSeason = hub.get("/api/patients/" + patient + "/care-gaps?asOf=2019-01-10&minPosition=" + position)
                .json();
        JsonNode nextSeason = hub.get("/api/patients/" + patient + "/care-gaps?asOf=2020-01-10").json();

        assertThat(inSeason.path("gaps").findValuesAsText("rule")).doesNotContain("influenza-immunization");
        JsonNode gap = nextSeason.path("gaps").findParents("rule").stream()
                .filter(g -> g.path("rule").asText().equals("influenza-immunization")).findFirst().orElseThrow();
        assertThat(gap.path("lastEvidence").asText()).isEqualTo("2018-12-20T04:00:52Z");
        assertThat(gap.path("guideline").asText()).contains("ACIP");
        JsonNode worklist = hub.get("/api/care-gaps?rule=influenza-immunization&asOf=2020-01-10&limit=500").json();
        assertThat(worklist.path("patients").findValuesAsText("masterPatientId")).contains(patient);
    }

    /**
     * The population worklist reads only the fields of a summary the rules need; it must find what the patient's own
     * care gaps (read from the whole summary) find, at an age inside the colorectal screening band and outside it.
     */
    @Test
    void the_worklist_lists_the_patient_with_the_gaps_of_their_own_care_gaps() {
        // the golden record's birth date: another test's copy of this person may be linked to the same patient
        java.time.LocalDate born = java.time.LocalDate.parse(hub.get("/api/patients/" + patient + "?minPosition="
                + position).json().at("/golden/birthDate/value").asText());
        for (java.time.LocalDate asOf : List.of(born.plusYears(60), born.plusYears(40))) {
            JsonNode own = hub.get("/api/patients/" + patient + "/care-gaps?asOf=" + asOf + "&minPosition="
                    + position).json();
            assertThat(own.path("gaps").findValuesAsText("rule").contains("colorectal-screening"))
                    .as("the band at " + asOf).isEqualTo(asOf.equals(born.plusYears(60)));
            for (String rule : List.of("diabetes-hba1c", "hypertension-bp", "colorectal-screening",
                    "influenza-immunization")) {
                List<JsonNode> expected = new ArrayList<>();
                own.path("gaps").forEach(g -> {
                    if (rule.equals(g.path("rule").asText())) {
                        expected.add(g);
                    }
                });
                JsonNode row = worklistRow(rule, asOf.toString());
                List<JsonNode> listed = new ArrayList<>();
                (row == null ? JSON.createArrayNode() : row.path("gaps")).forEach(listed::add);
                assertThat(listed).as(rule + " at " + asOf).isEqualTo(expected);
            }
        }
    }

    /** The patient's row of the worklist of one rule, read page by page; {@code null} when not listed. */
    private JsonNode worklistRow(String rule, String asOf) {
        for (int offset = 0; ; offset += 500) {
            JsonNode page = hub.get("/api/care-gaps?rule=" + rule + "&asOf=" + asOf + "&limit=500&offset="
                    + offset).json();
            for (JsonNode row : page.path("patients")) {
                if (patient.equals(row.path("masterPatientId").asText())) {
                    return row;
                }
            }
            if (offset + 500 >= page.path("total").asInt()) {
                return null;
            }
        }
    }

    @Test
    void the_quality_view_counts_the_accepted_bundle_for_its_source_and_day() {
        JsonNode report = hub.get("/api/quality?minPosition=" + position).json();

        assertThat(report.path("days").size()).isPositive();
        assertThat(report.path("days").findValues("accepted").stream().mapToLong(JsonNode::asLong).sum())
                .isPositive();
    }

    private List<JsonNode> allTimelinePages(String filter) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/patients/" + patient + "/timeline?limit=7&minPosition=" + position + filter
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = hub.get(path).json();
            page.path("entries").forEach(entry -> {
                if (record.equals(entry.path("sourceRecordId").asText())) {
                    entries.add(entry);
                }
            });
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return entries;
    }

    private static String loinc(JsonNode observation) {
        for (JsonNode coding : observation.at("/code/coding")) {
            if ("http://loinc.org".equals(coding.path("system").asText())) {
                return coding.path("code").asText();
            }
        }
        return null;
    }

    private Map<String, Long> bundleCountBy(java.util.function.Function<JsonNode, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        bundle.path("entry").forEach(e -> {
            String k = key.apply(e.path("resource"));
            if (k != null) {
                counts.merge(k, 1L, Long::sum);
            }
        });
        return counts;
    }

    private static Map<String, Long> countBy(List<JsonNode> entries,
                                             java.util.function.Function<JsonNode, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        entries.forEach(e -> counts.merge(key.apply(e), 1L, Long::sum));
        return counts;
    }
}
