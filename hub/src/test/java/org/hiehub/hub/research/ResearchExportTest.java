package org.hiehub.hub.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.bson.Document;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The research export under Safe Harbor: people fed with full identifiers (HL7 v2 and a Synthea FHIR bundle) are
 * exported, and the whole output is searched for every identifying value they were sent with.
 */
@HubIntegrationTest
class ResearchExportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SYNTHEA_ID = "d49945ce-9f8c-4974-80e3-0b38054dd45d";
    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readStore;
    @Autowired
    EventPositions positions;
    HubClient hub;
    HubClient researcher;
    String run;
    final List<String> identifying = new ArrayList<>();

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        researcher = new HubClient(port, TestTokens.as("rita", HubRole.RESEARCHER));
        run = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
    }

    @Test
    void the_export_holds_none_of_the_identifiers_it_was_fed_and_keeps_what_safe_harbor_allows() throws IOException {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Hl7Person adult = hl7Person("A", LocalDate.of(1975, 6, 15), "62704",
                "20260301083000", "20260311083000");
        Hl7Person old = hl7Person("O", today.minusYears(95).minusDays(30), "03601", "20260401083000");
        Hl7Person denied = hl7Person("D", LocalDate.of(1980, 2, 2), "62704", "20260401083000");
        Hl7Person treatmentOnlyDeny = hl7Person("T", LocalDate.of(1981, 3, 3), "62704", "20260401083000");
        synthea();
        consent(denied.masterPatientId, "research");
        consent(treatmentOnlyDeny.masterPatientId, "treatment");

        String ndjson = export("ndjson");
        String csv = export("csv");

        // The export holds everyone the shared test hub was fed, each with a random study id, and their results:
        // study ids are left out of the search and a value counts where it is not part of a longer number or word
        // (a 5-digit ZIP was once "found" in such an export). A date inside a timestamp still counts.
        List<String> studyIds = ndjson.lines().map(l -> json(l).path("studyId").asText()).toList();
        for (String output : List.of(ndjson, csv)) {
            String searched = output;
            for (String studyId : studyIds) {
                searched = searched.replace(studyId, " ");
            }
            String withoutStudyIds = searched;
            List<String> leaked = identifying.stream().filter(v -> standsAlone(v).matcher(withoutStudyIds).find())
                    .distinct().toList();
            assertThat(leaked).as("identifying values found in the export").isEmpty();
        }

        JsonNode a = personWith(ndjson, "XR" + run + "A");
        assertThat(a.path("sex").asText()).isEqualTo("female");
        assertThat(a.path("zip3").asText()).isEqualTo("627");
        assertThat(a.path("birthYear").asInt()).isEqualTo(1975);
        assertThat(a.path("ageBand").asText()).matches("\\d+-\\d+");
        assertThat(a.path("studyId").asText()).hasSize(36);
        List<LocalDate> dates = new ArrayList<>();
        a.path("facts").forEach(f -> {
            if (("XR" + run + "A").equals(f.path("code").asText())) {
                dates.add(LocalDate.parse(f.path("date").asText()));
                assertThat(f.path("value").asText()).isIn("5.5", "6.5");
            }
        });
        assertThat(dates).hasSize(2).doesNotContain(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 11));
        assertThat(Math.abs(ChronoUnit.DAYS.between(dates.get(0), dates.get(1)))).as("interval kept").isEqualTo(10);

        JsonNode o = personWith(ndjson, "XR" + run + "O");
        assertThat(o.path("ageBand").asText()).isEqualTo("90+");
        assertThat(o.path("birthYear").isNull()).as(o.toString()).isTrue();
        assertThat(o.path("zip3").asText()).as("a ZIP3 under 20,000 people").isEqualTo("000");

        assertThat(ndjson).doesNotContain("XR" + run + "D").contains("XR" + run + "T");
        assertThat(csv).doesNotContain("XR" + run + "D").contains("XR" + run + "T").startsWith("study_id,sex,");
        assertThat(ndjson.lines().filter(l -> l.contains("XR" + run + "A")).count()).isEqualTo(1);
    }

    @Test
    void a_study_gets_the_doses_given_not_the_refused_nor_those_their_sender_withdrew() {
        String pid = "PID|1||MRN" + run + "V^^^ACME_CLINIC^MR||" + TestPeople.family() + "^Ann||19700304|F\r";
        String header = "MSH|^~\\&|EHR|ACME_CLINIC|HIEHUB|HIE|20261120090000||VXU^V04^VXU_V04|%s|P|2.5.1\r" + pid;
        String vxu = header.formatted("V" + run + "1")
                + "ORC|RE||IZG" + run + "\rRXA|0|1|20261015||XG" + run + "^given^L|0.5|mL|||||||||||||CP\r"
                + "ORC|RE||IZN" + run + "\rRXA|0|1|20261016||XN" + run + "^refused^L|999||||||||||||||RE\r"
                + "ORC|RE||IZW" + run + "\rRXA|0|1|20261017||XW" + run + "^withdrawn^L|0.5|mL|||||||||||||CP|A\r";
        String deletion = header.formatted("V" + run + "2")
                + "ORC|RE||IZW" + run + "\rRXA|0|1|20261017||XW" + run + "^withdrawn^L|0.5|mL|||||||||||||CP|D\r";
        for (String message : List.of(vxu, deletion)) {
            HubClient.Response ack = hub.post("/ingest/hl7v2", "application/hl7-v2",
                    message.getBytes(StandardCharsets.UTF_8));
            assertThat(ack.body()).contains("MSA|AA");
        }
        String position = Long.toString(positions.head());
        String masterPatientId = hub.get("/api/patients?identifier=ACME_CLINIC%7CMRN" + run + "V&minPosition="
                + position).json().at("/patients/0/masterPatientId").asText();
        assertThat(hub.get("/api/patients/" + masterPatientId + "/timeline?type=immunization&minPosition="
                + position).json().path("entries")).hasSize(4);

        String ndjson = export("ndjson");

        JsonNode person = personWith(ndjson, "XG" + run);
        assertThat(person.path("facts").findValuesAsText("code")).contains("XG" + run)
                .doesNotContain("XN" + run, "XW" + run);
    }

    @Test
    void only_researchers_may_export_and_an_unknown_format_is_a_400() {
        for (HubRole role : HubRole.values()) {
            if (role != HubRole.RESEARCHER) {
                assertThat(new HubClient(port, TestTokens.as("x", role)).get("/api/research/export").status())
                        .as(role.name()).isEqualTo(403);
            }
        }
        assertThat(researcher.get("/api/research/export?format=xml").status()).isEqualTo(400);
    }

    /**
     * The value, case-insensitive, where it does not continue a longer number or word: no digit next to an edge that
     * is a digit, no letter next to an edge that is a letter.
     */
    private static Pattern standsAlone(String value) {
        return Pattern.compile(edge(value.charAt(0), "(?<!", ")") + Pattern.quote(value)
                + edge(value.charAt(value.length() - 1), "(?!", ")"), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String edge(char c, String open, String close) {
        return Character.isDigit(c) ? open + "\\p{N}" + close : Character.isLetter(c) ? open + "\\p{L}" + close : "";
    }

    private String export(String format) {
        HubClient.Response response = researcher.get("/api/research/export?format=" + format);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode personWith(String ndjson, String code) {
        return ndjson.lines().filter(l -> l.contains("\"" + code + "\"")).map(ResearchExportTest::json).findFirst()
                .orElseThrow(() -> new AssertionError("nobody with " + code + " in the export"));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void consent(String masterPatientId, String purpose) {
        readStore.getCollection("consent_directives").insertOne(new Document("_id", masterPatientId)
                .append("directives", List.of(new Document("directiveId", "d-" + run).append("provision", "deny")
                        .append("categories", List.of()).append("organizations", List.of())
                        .append("purposes", List.of(purpose)).append("effective", "2020-01-01")
                        .append("expires", null).append("revoked", false))));
    }

    private Hl7Person hl7Person(String tag, LocalDate birthDate, String zip, String... observationTimes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String mrn = "MRN" + run + tag;
        String family = TestPeople.family();
        String given = TestPeople.family();
        String ssn = "9" + (10 + random.nextInt(89)) + "-" + (10 + random.nextInt(89)) + "-" + (1000 + random.nextInt(8999));
        String phone = "(217)555-" + (1000 + random.nextInt(8999));
        String email = given.toLowerCase(Locale.ROOT) + run.toLowerCase(Locale.ROOT) + "@mail.example";
        String street = (100 + random.nextInt(800)) + " " + TestPeople.family() + " Street";
        String city = TestPeople.family() + "ville";
        String licence = "DL" + run + tag;
        String account = "ACCT" + run + tag;
        String dob = birthDate.toString().replace("-", "");
        String pid = "PID|1||" + mrn + "^^^ACME_LAB^MR||" + family + "^" + given + "^Q||" + dob + "|F|||" + street
                + "^^" + city + "^IL^" + zip + "^USA||" + phone + "^PRN^PH~^NET^Internet^" + email + "|||||"
                + account + "|" + ssn + "|" + licence + "^IL\r";
        StringBuilder obx = new StringBuilder();
        for (int i = 0; i < observationTimes.length; i++) {
            String oru = "MSH|^~\\&|LIS|ACME_LAB|HIEHUB|HIE|" + observationTimes[i] + "||ORU^R01^ORU_R01|R" + run + tag
                    + i + "|P|2.5.1\r" + pid + "OBR|1||ORD" + run + tag + i + "|XR" + run + tag
                    + "^Research marker^L|||" + observationTimes[i] + "\r"
                    + "OBX|1|NM|XR" + run + tag + "^Research marker^L||" + (i == 0 ? "5.5" : "6.5") + "|U|||||F|||"
                    + observationTimes[i] + "\r";
            HubClient.Response ack = hub.post("/ingest/hl7v2", "application/hl7-v2", oru.getBytes(StandardCharsets.UTF_8));
            assertThat(ack.body()).as(ack.body()).contains("MSA|AA");
            obx.append(oru);
        }
        long position = positions.head();
        JsonNode found = await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients?identifier="
                + "ACME_LAB%7C" + mrn + "&minPosition=" + position).json().at("/patients/0"), n -> !n.isMissingNode());
        String masterPatientId = found.path("masterPatientId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/patients/" + masterPatientId + "/timeline")
                .json().path("entries").size() >= observationTimes.length);
        identifying.addAll(List.of(mrn, family, given, ssn, ssn.replace("-", ""), phone, "555-" + phone.substring(9),
                email, street, city, zip, birthDate.toString(), dob, licence, account, masterPatientId, "ACME_LAB"));
        found.path("sourceRecords").forEach(r -> identifying.add(r.path("sourceRecordId").asText()));
        return new Hl7Person(masterPatientId);
    }

    private void synthea() throws IOException {
        String id = UUID.randomUUID().toString();
        String family = TestPeople.family();
        String given = TestPeople.family();
        String ssn = "999-" + (10 + ThreadLocalRandom.current().nextInt(89)) + "-" + (1000 + ThreadLocalRandom.current()
                .nextInt(8999));
        String birthDate = TestPeople.birthDate();
        String licence = "S" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String passport = "X" + run + "X";
        String phone = "555-" + (100 + ThreadLocalRandom.current().nextInt(899)) + "-" + (1000 + ThreadLocalRandom
                .current().nextInt(8999));
        String street = (100 + ThreadLocalRandom.current().nextInt(800)) + " " + TestPeople.family() + " Pathway";
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SYNTHEA_ID, id)
                    .replace("999-79-2897", ssn).replace("\"Gutmann\"", "\"" + family + "\"")
                    .replace("\"Desmond\"", "\"" + given + "\"").replace("\"1984-01-04\"", "\"" + birthDate + "\"")
                    .replace("S99924439", licence).replace("X40248938X", passport).replace("555-820-1109", phone)
                    .replace("516 Kerluke Pathway Suite 49", street);
            HubClient.Response posted = hub.post("/fhir", "application/fhir+json", text.getBytes(StandardCharsets.UTF_8));
            assertThat(posted.status()).as(posted.body()).isEqualTo(200);
            String position = posted.header("X-Hub-Position");
            JsonNode found = hub.get("/api/patients?identifier=http://hospital.smarthealthit.org%7C" + id
                    + "&minPosition=" + position).json().at("/patients/0");
            String masterPatientId = found.path("masterPatientId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/patients/" + masterPatientId
                    + "/timeline").json().path("entries").size() > 0);
            identifying.addAll(List.of(id, family, given, ssn, birthDate, licence, passport, phone, street, "Winchester",
                    "01890", masterPatientId, "df3f2f4e-4b9c-47c4-b394-e172e245ffee"));
            found.path("sourceRecords").forEach(r -> identifying.add(r.path("sourceRecordId").asText()));
        }
    }

    private record Hl7Person(String masterPatientId) {
    }
}
