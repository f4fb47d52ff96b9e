package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The integration engineer's loop: a refused message, a failed retry, a fix, and nothing left open behind it. */
@HubIntegrationTest
class DeadLetterApiTest {

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
    void an_unknown_letter_is_a_404_problem() {
        HubClient.Response unknown = hub.send("POST", "/api/dead-letters/" + UUID.randomUUID() + "/reprocess", null,
                null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).startsWith("no dead letter with id");
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
