package org.hiehub.hub.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.hiehub.projections.support.ViewText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A lab that sends its report as a PDF inside the result (OBX of type ED): the reads show the value's first
 * characters and its full length rather than megabytes of base64 per result.
 */
@HubIntegrationTest
class LongResultValuesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;

    @Test
    void a_pdf_sent_as_a_result_is_read_back_shortened_with_its_length_and_a_note() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] pdf = new byte[300_000];
        ThreadLocalRandom.current().nextBytes(pdf);
        String oru = "MSH|^~\\&|LIS|PDFLAB|HIEHUB|HIE|20261122130000||ORU^R01^ORU_R01|PDF-" + run + "|P|2.5.1\r"
                + "PID|1||MRN-" + run + "^^^PDFLAB^MR||" + TestPeople.family() + "^Paula||"
                + TestPeople.birthDate().replace("-", "") + "|F\r"
                + "OBR|1|PLC-" + run + "|FIL-" + run + "|11502-2^Laboratory report^LN|||20261122080000\r"
                + "OBX|1|ED|11502-2^Laboratory report^LN||^application^pdf^Base64^"
                + Base64.getEncoder().encodeToString(pdf) + "||||||F|||20261122081500\r";
        HubClient.Response ack = new HubClient(port).post("/ingest/hl7v2", "text/plain",
                oru.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.body()).contains("MSA|AA|PDF-" + run);
        long position = positions.head();
        HubClient clinician = new HubClient(port, TestTokens.as("dr-pdf-" + run, HubRole.CLINICIAN));
        String patient = new HubClient(port).get("/api/patients?identifier=PDFLAB%7CMRN-" + run + "&minPosition="
                + position).json().at("/patients/0/masterPatientId").asText();

        HubClient.Response timeline = clinician.get("/api/patients/" + patient + "/timeline?minPosition=" + position);
        HubClient.Response summary = clinician.get("/api/patients/" + patient + "?minPosition=" + position);
        HubClient.Response everything = clinician.get("/fhir/Patient/" + patient + "/$everything?minPosition="
                + position);

        JsonNode entry = timeline.json().at("/entries/0");
        assertThat(entry.path("value").asText()).hasSize(ViewText.MAX_CHARS);
        assertThat(entry.path("valueLength").asInt()).isGreaterThan(400_000);
        assertThat(summary.json().at("/clinical/labs/0/latest/valueAsSent").asText()).hasSize(ViewText.MAX_CHARS);
        assertThat(summary.json().at("/clinical/labs/0/latest/valueAsSentLength").asInt()).isGreaterThan(400_000);
        assertThat(summary.body().length()).isLessThan(50_000);
        assertThat(everything.body()).contains("The value is shortened here to its first 4096 of ");
        assertThat(everything.body().length()).isLessThan(50_000);

        // whole, from the event log, for the clinician who needs it
        String factId = entry.path("factId").asText();
        String fact = URLEncoder.encode(factId, StandardCharsets.UTF_8);
        HubClient.Response whole = clinician.get("/api/patients/" + patient + "/timeline/value?factId=" + fact);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().path("value").asText()).endsWith(Base64.getEncoder().encodeToString(pdf));
        assertThat(whole.json().path("length").asInt()).isEqualTo(entry.path("valueLength").asInt());
        assertThat(everything.body()).contains("/api/patients/" + patient + "/timeline/value?factId=" + fact);
        HttpResponse<byte[]> document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/patients/" + patient + "/timeline/document?factId=" + fact))
                .header("Authorization", "Bearer " + TestTokens.as("dr-pdf-" + run, HubRole.CLINICIAN)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(document.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        assertThat(document.body()).isEqualTo(pdf);
        String audited = new HubClient(port, TestTokens.as("aud-" + run, HubRole.AUDITOR))
                .get("/api/audit?actor=dr-pdf-" + run).body();
        assertThat(audited).contains("ResultValue").contains("ResultDocument");
    }

    @Test
    void a_result_of_another_patient_or_without_a_document_is_not_found() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HubClient hub = new HubClient(port);
        String[] patients = new String[2];
        String[] facts = new String[2];
        for (int i = 0; i < 2; i++) {
            String oru = "MSH|^~\\&|LIS|TXTLAB|HIEHUB|HIE|20261122130000||ORU^R01^ORU_R01|T" + i + "-" + run
                    + "|P|2.5.1\rPID|1||MRN" + i + "-" + run + "^^^TXTLAB^MR||" + TestPeople.family() + "^Tia||"
                    + TestPeople.birthDate().replace("-", "") + "|F\r"
                    + "OBX|1|TX|11526-1^Pathology report^LN||" + "Findings. ".repeat(1_000)
                    + "||||||F|||20261122081500\r";
            assertThat(hub.post("/ingest/hl7v2", "text/plain", oru.getBytes(StandardCharsets.UTF_8)).body())
                    .contains("MSA|AA");
            long position = positions.head();
            patients[i] = hub.get("/api/patients?identifier=TXTLAB%7CMRN" + i + "-" + run + "&minPosition=" + position)
                    .json().at("/patients/0/masterPatientId").asText();
            facts[i] = URLEncoder.encode(hub.get("/api/patients/" + patients[i] + "/timeline?minPosition="
                    + position).json().at("/entries/0/factId").asText(), StandardCharsets.UTF_8);
        }

        assertThat(hub.get("/api/patients/" + patients[0] + "/timeline/value?factId=" + facts[0]).json()
                .path("length").asInt()).isEqualTo(10_000);
        assertThat(hub.get("/api/patients/" + patients[0] + "/timeline/value?factId=" + facts[1]).status())
                .isEqualTo(404);
        assertThat(hub.get("/api/patients/" + patients[0] + "/timeline/document?factId=" + facts[0]).status())
                .isEqualTo(404);
    }
}
