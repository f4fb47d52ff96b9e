package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@HubIntegrationTest
class DeadLettersCliTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @TempDir
    Path dir;

    @Test
    void lists_shows_and_retries_a_refused_message_through_the_running_hub() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HubClient.Response refused = new HubClient(port).post("/ingest/hl7v2", "text/plain",
                adt(run, "20230231").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(422);
        String hub = "--hub=http://127.0.0.1:" + port;
        String token = "--token=" + TestTokens.as("dl-cli", HubRole.INTEGRATOR);
        ReplayCli.Result anonymous = ReplayCli.run(context, "dead-letters", hub, "list");
        assertThat(anonymous.exit()).isEqualTo(2);
        assertThat(anonymous.err()).contains("401");

        ReplayCli.Result list = ReplayCli.run(context, "dead-letters", hub, token, "list", "--limit", "500");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.lines().get(0)).startsWith("ID");
        assertThat(list.out()).contains("PID-7");
        // other tests park messages too: the one whose payload carries this run's control id is ours
        String id = null;
        for (String line : list.lines().subList(1, list.lines().size() - 1)) {
            ReplayCli.Result show = ReplayCli.run(context, "dead-letters", hub, token, "show", line.split("\\s+")[0]);
            assertThat(show.exit()).as(show.toString()).isZero();
            if (show.out().contains("DL-" + run)) {
                assertThat(show.out()).contains("--- payload ---").contains("\"reason\"");
                id = line.split("\\s+")[0];
            }
        }
        assertThat(id).as(list.toString()).isNotNull();

        ReplayCli.Result again = ReplayCli.run(context, "dead-letters", hub, token, "retry", id);
        assertThat(again.exit()).as("the stored payload is still refused").isEqualTo(1);

        Path corrected = dir.resolve("corrected.hl7");
        Files.writeString(corrected, adt(run, "19800131"));
        ReplayCli.Result fixed = ReplayCli.run(context, "dead-letters", hub, token, "retry", id, "--payload",
                corrected.toString());
        assertThat(fixed.exit()).as(fixed.toString()).isZero();
        assertThat(fixed.out()).contains("\"status\" : \"ACCEPTED\"");

        ReplayCli.Result unknown = ReplayCli.run(context, "dead-letters", hub, token, "show", "no-such-letter");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("404");
    }

    @Test
    void an_unreachable_hub_is_one_clear_line() {
        ReplayCli.Result result = ReplayCli.run(context, "dead-letters", "--hub=http://127.0.0.1:1", "list");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("cannot reach the hub");
    }

    private static String facility(String run) {
        return "DL" + run.substring(0, 6).toUpperCase();
    }

    private static String adt(String run, String birthDate) {
        return "MSH|^~\\&|ADT1|" + facility(run) + "|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|DL-" + run + "|P|2.5.1\r"
                + "EVN|A31|20261122120000\r"
                + "PID|1||DL-" + run + "^^^" + facility(run) + "^MR||Everyman^Adam^A||" + birthDate + "|M\r";
    }
}
