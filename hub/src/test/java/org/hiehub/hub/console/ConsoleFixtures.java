package org.hiehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.TestPeople;

/** What the console tests look at, put into the hub through its API the way a sending system would. */
final class ConsoleFixtures {

    private static final String SYNTHEA_ID = "d49945ce-9f8c-4974-80e3-0b38054dd45d";
    private static final String SYNTHEA_SSN = "999-79-2897";
    private static final String ER7 = "x-application/hl7-v2+er7";
    private final HubClient hub;

    ConsoleFixtures(HubClient hub) {
        this.hub = hub;
    }

    /** A fresh person from the Synthea bundle (new id, SSN, name and birth date), so no other test's copy links. */
    Patient syntheaPatient() {
        String id = UUID.randomUUID().toString();
        String family = TestPeople.family();
        String ssn = "999-" + (10 + (int) (Math.random() * 89)) + "-" + (1000 + (int) (Math.random() * 8999));
        String text;
        try (InputStream in = getClass().getResourceAsStream("/fhir/synthea-desmond-gutmann.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SYNTHEA_ID, id)
                    .replace(SYNTHEA_SSN, ssn).replace("\"Gutmann\"", "\"" + family + "\"")
                    .replace("\"1984-01-04\"", "\"" + TestPeople.birthDate() + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HubClient.Response posted = hub.post("/fhir", "application/fhir+json", text.getBytes(StandardCharsets.UTF_8));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String position = posted.header("X-Hub-Position");
        String patient = posted.json().at("/entry/0/response/location").asText().substring("Patient/".length());
        // a second source (a lab registering the same SSN) so the golden record draws on two systems
        JsonNode lab = register("LAB_" + id.substring(0, 4).toUpperCase(), "L-" + id.substring(0, 8), family,
                "Desmond", null, ssn);
        hub.get("/api/patients/" + patient + "?minPosition=" + Math.max(Long.parseLong(position),
                lab.path("position").asLong()));
        return new Patient(patient, family);
    }

    /**
     * A pair the MPI puts on the review queue: a record that agrees with two master patients at once can only
     * be linked below the auto-link tier. The second copy is rejected off the first patient (so two exist), then
     * a third registration of the same person matches both.
     */
    String reviewPair() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String family = TestPeople.family();
        String born = TestPeople.birthDate();
        JsonNode first = register("HOSP_" + tag.substring(0, 3).toUpperCase(), "A-" + tag, family, "Ann", born, null);
        JsonNode second = register("CLINIC_" + tag.substring(0, 3).toUpperCase(), "B-" + tag, family, "Ann", born,
                null);
        String patient = first.path("masterPatientId").asText();
        if (patient.equals(second.path("masterPatientId").asText())) {
            HubClient.Response rejected = hub.post("/api/mpi/links/reject", """
                    {"sourceRecordId":"%s","masterPatientId":"%s","steward":"fixture","reason":"set-up"}"""
                    .formatted(second.path("sourceRecordId").asText(), patient));
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        }
        register("LAB_" + tag.substring(0, 3).toUpperCase(), "C-" + tag, family, "Ann", born, null);
        return family;
    }

    /** An ADT whose birth date (30 February) fails validation: refused and parked as a dead letter. */
    void deadLetter() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HubClient.Response refused = hub.post("/ingest/hl7v2", ER7, adt(run, "20230231").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        HubClient.Response accepted = hub.post("/ingest/hl7v2", ER7,
                adt(UUID.randomUUID().toString().substring(0, 8), "19800131").getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    /** A person with one pathology report of {@code length} characters, longer than the views keep: their id. */
    String personWithLongReport(int length) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String report = ("Microscopy " + run + ". ").repeat(length / 20 + 1).substring(0, length);
        String oru = "MSH|^~\\&|LIS|PATHLAB|HIEHUB|HIE|20261122130000||ORU^R01^ORU_R01|PR-" + run + "|P|2.5.1\r"
                + "PID|1||PR-" + run + "^^^PATHLAB^MR||" + TestPeople.family() + "^Rita||19700101|F\r"
                + "OBX|1|TX|11526-1^Pathology report^LN||" + report + "||||||F|||20261122081500\r";
        HubClient.Response ack = hub.post("/ingest/hl7v2", ER7, oru.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.body()).contains("MSA|AA");
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hub.get(
                "/api/patients?identifier=PATHLAB%7CPR-" + run).json().at("/patients/0/masterPatientId").asText(""),
                id -> !id.isEmpty());
    }

    /** A person registered by one source: their master patient id. */
    String person() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return register("HOSP_" + tag.substring(0, 3).toUpperCase(), "P-" + tag, TestPeople.family(), "Eve",
                TestPeople.birthDate(), null).path("masterPatientId").asText();
    }

    private static String adt(String run, String birthDate) {
        String facility = "DL" + run.substring(0, 6).toUpperCase();
        return "MSH|^~\\&|ADT1|" + facility + "|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|DL-" + run
                + "|P|2.5.1\rEVN|A31|20261122120000\rPID|1||DL-" + run + "^^^" + facility + "^MR||"
                + TestPeople.family() + "^Adam^A||" + birthDate + "|M\r";
    }

    private JsonNode register(String system, String localId, String family, String given, String birthDate,
                              String ssn) {
        String identifiers = ssn == null ? "[]"
                : "[{\"system\":\"http://hl7.org/fhir/sid/us-ssn\",\"value\":\"" + ssn + "\"}]";
        HubClient.Response response = hub.post("/api/source-records", """
                {"sourceSystem":"%s","localId":"%s","demographics":{"names":[{"family":"%s","given":["%s"]}],
                 %s"administrativeSex":"female","identifiers":%s}}"""
                .formatted(system, localId, family, given,
                        birthDate == null ? "" : "\"birthDate\":\"" + birthDate + "\",", identifiers));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json();
    }

    record Patient(String masterPatientId, String family) {
    }
}
