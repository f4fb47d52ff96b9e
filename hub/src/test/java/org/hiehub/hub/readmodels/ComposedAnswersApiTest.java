package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
 * Summaries and {@code $everything} pages are kept between changes of the views they are composed from: a read
 * after the patient's next fact, asked with that write's position, shows it, and every read served from what was
 * kept is still audited with what it returned.
 */
@HubIntegrationTest
class ComposedAnswersApiTest {

    static final String ER7 = "x-application/hl7-v2+er7";
    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;
    HubClient clinician;
    String run;
    String user;
    String family;
    String birthDate;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        family = TestPeople.family();
        birthDate = TestPeople.birthDate().replace("-", "");
        user = "dr-kept-" + run;
        clinician = new HubClient(port, TestTokens.as(user, HubRole.CLINICIAN));
    }

    @Test
    void a_kept_summary_and_page_give_way_to_the_patients_next_result_at_once() {
        long first = send(oru("1", "20260301070000", "5.1"));
        String patient = new HubClient(port).get("/api/patients?identifier=KEPTLAB%7CMRN-" + run + "&minPosition="
                + first).json().at("/patients/0/masterPatientId").asText();
        JsonNode summary = clinician.get("/api/patients/" + patient + "?minPosition=" + first).json();
        assertThat(summary.at("/clinical/labs/0/latest/value").asDouble()).isEqualTo(5.1);
        assertThat(clinician.get("/api/patients/" + patient).json()).as("kept").isEqualTo(summary);
        String page = "/fhir/Patient/" + patient + "/$everything";
        JsonNode everything = clinician.get(page + "?minPosition=" + first).json();
        assertThat(clinician.get(page + "?minPosition=" + first).json()).as("kept").isEqualTo(everything);
        assertThat(everything.toString()).doesNotContain("\"value\":6.4");

        long second = send(oru("2", "20260302070000", "6.4"));

        JsonNode after = clinician.get("/api/patients/" + patient + "?minPosition=" + second).json();
        assertThat(after.at("/clinical/labs/0/latest/value").asDouble()).isEqualTo(6.4);
        assertThat(after.at("/clinical/labs/0/previous/value").asDouble()).isEqualTo(5.1);
        assertThat(after.at("/clinical/labs/0/trend").asText()).isEqualTo("up");
        JsonNode everythingAfter = clinician.get(page + "?minPosition=" + second).json();
        assertThat(everythingAfter.path("total").asInt()).isGreaterThan(everything.path("total").asInt());
        assertThat(everythingAfter.toString()).contains("\"value\":6.4");
    }

    @Test
    void every_read_served_from_a_kept_summary_is_audited_with_what_it_returned() {
        long written = send(oru("1", "20260301070000", "5.1"));
        String patient = new HubClient(port).get("/api/patients?identifier=KEPTLAB%7CMRN-" + run + "&minPosition="
                + written).json().at("/patients/0/masterPatientId").asText();
        clinician.get("/api/patients/" + patient + "?minPosition=" + written);
        clinician.get("/api/patients/" + patient);
        clinician.get("/api/patients/" + patient);

        HubClient auditor = new HubClient(port, TestTokens.as("aud-" + run, HubRole.AUDITOR));
        JsonNode entries = auditor.get("/api/audit?actor=" + user).json().path("entries");
        assertThat(entries).hasSize(3);
        entries.forEach(entry -> {
            assertThat(entry.path("patients").asText()).isEqualTo(patient);
            assertThat(entry.path("returned").asText()).contains("\"PatientSummary\":1").contains("\"labs\":1");
        });
    }

    private long send(String message) {
        HubClient.Response ack = new HubClient(port).post("/ingest/hl7v2", ER7,
                message.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        return positions.head(); // the ACK comes after the commit
    }

    private String oru(String n, String observed, String potassium) {
        return "MSH|^~\\&|LIS|KEPTLAB|HIEHUB|HIE|" + observed + "||ORU^R01^ORU_R01|K-" + run + "-" + n + "|P|2.5.1\r"
                + "PID|1||MRN-" + run + "^^^KEPTLAB^MR||" + family + "^Kim||" + birthDate + "|F\r"
                + "OBR|1|PLC-" + run + "-" + n + "|FIL-" + run + "-" + n + "|2823-3^Potassium^LN|||" + observed + "\r"
                + "OBX|1|NM|2823-3^Potassium^LN||" + potassium + "|mmol/L|3.5-5.1|||F|||" + observed + "\r";
    }
}
