package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class Hl7v2HttpIngestTest {

    static final String ER7 = "x-application/hl7-v2+er7";
    @LocalServerPort
    int port;
    HubClient hub;
    String run;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void one_message_is_answered_with_its_ack_as_text() {
        HubClient.Response response = hub.post("/ingest/hl7v2", ER7, adt("H1-" + run, "19800131").getBytes(
                StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith(ER7);
        assertThat(response.body()).contains("MSA|AA|H1-" + run);
    }

    @Test
    void a_refused_message_is_answered_422_with_an_ae_and_its_err_segment() {
        HubClient.Response response = hub.post("/ingest/hl7v2", "text/plain", adt("H2-" + run, "20230231")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("MSA|AE|H2-" + run).contains("ERR||PID^1^7|102^");
    }

    @Test
    void a_name_longer_than_any_real_one_is_refused_at_pid_5_before_it_reaches_the_identity_index() {
        String giant = "X".repeat(100_000);
        HubClient.Response response = hub.post("/ingest/hl7v2", "text/plain", adt("H3-" + run, "19800131")
                .replace("^Adam^", "^" + giant + "^").getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("MSA|AE|H3-" + run).contains("ERR||PID^1^5|102^")
                .contains("a name part is longer than 500 characters").doesNotContain(giant);
    }

    @Test
    void a_batch_is_answered_with_one_result_per_message() {
        String batch = "FHS|^~\\&|ADT1|GHH\nBHS|^~\\&|ADT1|GHH\n" + adt("B1-" + run, "19800131") + "\n"
                + adt("B2-" + run, "20230231") + "\n" + adt("B1-" + run, "19800131") + "BTS|3\nFTS|1\n";

        HubClient.Response response = hub.post("/ingest/hl7v2", "application/hl7-v2",
                batch.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode summary = response.json();
        assertThat(summary.path("messages").asInt()).isEqualTo(3);
        assertThat(summary.at("/results/0/ack").asText()).isEqualTo("AA");
        assertThat(summary.at("/results/0/status").asText()).isEqualTo("ACCEPTED");
        assertThat(summary.at("/results/0/controlId").asText()).isEqualTo("B1-" + run);
        assertThat(summary.at("/results/1/ack").asText()).isEqualTo("AE");
        assertThat(summary.at("/results/1/location").asText()).isEqualTo("PID-7");
        assertThat(summary.at("/results/1/deadLetterId").asText()).isNotBlank();
        assertThat(summary.at("/results/2/status").asText()).isEqualTo("DUPLICATE");
        assertThat(summary.at("/results/2/messageKey").asText())
                .isEqualTo(summary.at("/results/0/messageKey").asText());
    }

    @Test
    void a_batch_cut_short_is_refused_422_before_any_of_its_messages_is_processed() {
        String batch = "FHS|^~\\&|ADT1|GHH\nBHS|^~\\&|ADT1|GHH\n" + adt("T1-" + run, "19800131") + "BTS|3\nFTS|1\n";
        long lettersBefore = hub.get("/api/dead-letters").json().path("total").asLong();

        HubClient.Response response = hub.post("/ingest/hl7v2", "application/hl7-v2",
                batch.getBytes(StandardCharsets.UTF_8));
        HubClient.Response whole = hub.post("/ingest/hl7v2", "application/hl7-v2",
                batch.replace("BTS|3", "BTS|1").getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("detail").asText()).contains("BTS-1 counts 3 messages, 1 arrived")
                .contains("send the whole batch again");
        assertThat(hub.get("/api/dead-letters").json().path("total").asLong()).isEqualTo(lettersBefore);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().at("/results/0/status").asText()).as("not stored the first time: new now")
                .isEqualTo("ACCEPTED");
    }

    @Test
    void a_batch_of_more_messages_than_the_limit_is_refused_413_before_any_is_processed() {
        // the fuzz found it: 31,000 copies of a bare MSH took minutes, answered nobody and parked 31,000 letters
        String bare = "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|X-" + run + "|P|2.5.1\n";
        long lettersBefore = hub.get("/api/dead-letters").json().path("total").asLong();

        HubClient.Response response = hub.post("/ingest/hl7v2", "application/hl7-v2",
                bare.repeat(2_001).getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().path("detail").asText()).contains("2001 messages").contains("limit of 2000")
                .contains("hub.ingest.max-batch-messages");
        assertThat(hub.get("/api/dead-letters").json().path("total").asLong()).isEqualTo(lettersBefore);
    }

    @Test
    void a_body_declared_larger_than_the_batch_limit_is_refused_413_before_it_is_read() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ingest/hl7v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                    + "Authorization: Bearer " + TestTokens.allRoles() + "\r\n"
                    + "Content-Length: 99999999999\r\nConnection: close\r\n\r\nMSH|").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    static String adt(String controlId, String birthDate) {
        return "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|" + controlId + "|P|2.5.1\n"
                + "EVN|A31|20261122120000\n"
                + "PID|1||HTTP-" + controlId + "^^^GHH^MR||Everyman^Adam^A||" + birthDate + "|M|||"
                + "2222 Home Street^^Greensboro^NC^27401^USA^H\n";
    }
}
