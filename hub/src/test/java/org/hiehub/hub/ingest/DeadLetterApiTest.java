package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The integration engineer's loop: a refused message, a failed retry, a fix, and nothing left open behind it. */
@HubIntegrationTest
class DeadLetterApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    HubClient hub;
    String run;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_retry_that_fails_again_supersedes_its_letter_and_the_fix_resolves_the_one_left_open() {
        String bad = Hl7v2HttpIngestTest.adt("DL-" + run, "19700231");
        HubClient.Response refused = hub.post("/ingest/hl7v2", "application/hl7-v2",
                bad.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.body()).contains("MSA|AE|DL-" + run);
        String first = letterFor(refused);

        HubClient.Response again = hub.send("POST", "/api/dead-letters/" + first + "/reprocess", null, null);

        assertThat(again.status()).isEqualTo(422);
        String second = again.json().path("deadLetterId").asText();
        assertThat(second).isNotBlank().isNotEqualTo(first);
        JsonNode superseded = hub.get("/api/dead-letters/" + first).json().path("deadLetter");
        assertThat(superseded.path("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(superseded.path("supersededBy").asText()).isEqualTo(second);
        assertThat(hub.get("/api/dead-letters/" + second).json().at("/deadLetter/status").asText())
                .isEqualTo("OPEN");

        // the id first shown still works: it stands for the letter still open for this problem
        HubClient.Response fixed = hub.send("POST", "/api/dead-letters/" + first + "/reprocess", "text/plain",
                bad.replace("19700231", "19700131"));
        HubClient.Response twice = hub.send("POST", "/api/dead-letters/" + second + "/reprocess", "text/plain",
                bad.replace("19700231", "19700131"));

        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.json().path("status").asText()).isEqualTo("ACCEPTED");
        JsonNode resolved = hub.get("/api/dead-letters/" + second).json().path("deadLetter");
        assertThat(resolved.path("status").asText()).isEqualTo("REPROCESSED");
        assertThat(resolved.path("resolvedMessageKey").asText()).isEqualTo(fixed.json().path("messageKey").asText());
        assertThat(twice.json().path("status").asText()).isEqualTo("DUPLICATE");
        // before: the first letter stayed OPEN for a problem already fixed
        hub.get("/api/dead-letters?status=OPEN&limit=500").json().path("items").forEach(letter ->
                assertThat(letter.path("id").asText()).isNotIn(first, second));
    }

    @Test
    void two_failing_re_processings_of_one_letter_at_once_leave_one_letter_open() {
        for (int round = 0; round < 3; round++) {
            String control = "CR-" + run + "-" + round;
            HubClient.Response refused = hub.post("/ingest/hl7v2", "application/hl7-v2",
                    Hl7v2HttpIngestTest.adt(control, "19700231").getBytes(StandardCharsets.UTF_8));
            String letter = lettersAbout(control).get(0);
            assertThat(refused.body()).contains("MSA|AE");
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HubClient.Response>> calls = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return hub.send("POST", "/api/dead-letters/" + letter + "/reprocess", null, null);
                }));
            }
            go.countDown();
            calls.forEach(call -> assertThat(call.join().status()).isEqualTo(422));

            assertThat(jdbc.queryForObject("select count(*) from dead_letter where status = 'OPEN' and "
                    + "position(convert_to(?, 'UTF8') in payload) > 0", Long.class, control + "|"))
                    .as("round %d: letters open for one problem", round).isEqualTo(1L);
        }
    }

    @Test
    void a_refused_message_of_megabytes_within_its_limit_is_kept_whole() {
        String control = "BIG-" + run;
        String big = padded(control, "19700231", 1_500_000);

        String id = parked(big, control);

        JsonNode letter = hub.get("/api/dead-letters/" + id).json();
        assertThat(letter.at("/deadLetter/truncated").asBoolean()).isFalse();
        assertThat(letter.path("payloadCut").asBoolean()).as("shown: its first MiB").isTrue();
        assertThat(letter.path("payload").asText()).hasSize(1 << 20);
        assertThat(hub.get("/api/dead-letters/" + id + "/payload").body()).as("all of it, its segments ended by CR")
                .isEqualTo(big.replace('\n', '\r'));
    }

    @Test
    void a_message_over_its_size_limit_keeps_its_head_and_is_re_processed_only_with_a_correction() {
        String control = "HUGE-" + run;
        String letter = parked(padded(control, "19700131", 4_500_000), control);

        HubClient.Response asKept = hub.send("POST", "/api/dead-letters/" + letter + "/reprocess", null, null);
        HubClient.Response corrected = hub.send("POST", "/api/dead-letters/" + letter + "/reprocess", "text/plain",
                Hl7v2HttpIngestTest.adt(control, "19700131"));

        assertThat(hub.get("/api/dead-letters/" + letter).json().at("/deadLetter/truncated").asBoolean()).isTrue();
        assertThat(asKept.status()).isEqualTo(409);
        assertThat(asKept.json().path("detail").asText()).contains("send the corrected message in the request body");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
    }

    @Test
    void an_unknown_letter_is_a_404_problem() {
        HubClient.Response unknown = hub.send("POST", "/api/dead-letters/" + UUID.randomUUID() + "/reprocess", null,
                null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).startsWith("no dead letter with id");
    }

    /** An ADT^A31 with a Z-segment of {@code padding} characters: megabytes of an otherwise small message. */
    private static String padded(String controlId, String birthDate, int padding) {
        return Hl7v2HttpIngestTest.adt(controlId, birthDate) + "ZXX|" + "x".repeat(padding) + "\r";
    }

    /** Sends a message the hub refuses and answers the dead letter it was parked as. */
    private String parked(String message, String controlId) {
        hub.post("/ingest/hl7v2", "application/hl7-v2", message.getBytes(StandardCharsets.UTF_8));
        return lettersAbout(controlId).get(0);
    }

    /** The letters (newest first) whose payload carries {@code controlId} as MSH-10. */
    private List<String> lettersAbout(String controlId) {
        return jdbc.queryForList("select id from dead_letter where position(convert_to(?, 'UTF8') in payload) > 0 "
                + "order by received_at desc", String.class, controlId + "|");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String letterFor(HubClient.Response refused) {
        JsonNode letters = hub.get("/api/dead-letters?status=OPEN&limit=500").json().path("items");
        for (JsonNode letter : letters) {
            if (letter.path("reason").asText().contains("PID-7") && hub.get("/api/dead-letters/"
                    + letter.path("id").asText()).json().path("payload").asText().contains("DL-" + run)) {
                return letter.path("id").asText();
            }
        }
        throw new AssertionError("no open dead letter for DL-" + run + ": " + refused.body());
    }
}
