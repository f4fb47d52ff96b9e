package org.hiehub.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the all-in-one hub on embedded defaults, for real: its PostgreSQL, a child process the kill
 * does not reach, is left running on the data directory. The next start stops that orphan and comes up with every
 * committed event, and health says the embedded read store was not closed (its views may miss their last writes).
 */
class EmbeddedCrashTest {

    @TempDir
    Path dataDir;

    @Test
    @Timeout(420)
    void the_embedded_hub_starts_again_after_a_kill_and_says_its_read_store_was_not_closed() throws Exception {
        List<String> arguments = List.of("--hub.data-dir=" + dataDir.toAbsolutePath(), "--hub.mllp.port=0",
                "--hub.security.local-key-file=target/it-data/token-signing.jwk");
        JsonNode registered;
        try (HubProcess hub = HubProcess.start("embedded-crash-1", arguments)) {
            hub.awaitUp(Duration.ofSeconds(180));
            assertThat(hub.health().at("/components/readStore/details/closedUncleanly").isMissingNode()).isTrue();
            HubClient client = hub.client();
            registered = client.post("/api/source-records", """
                    {"sourceSystem":"HOSP_K","localId":"K-1","demographics":{"names":[{"family":"Killed","given":["Kim"]}],
                     "birthDate":"1958-02-03"}}""").json();
            assertThat(client.get(summary(registered)).status()).isEqualTo(200);
            Thread.sleep(3_000);  // past H2's next page write: the views' last second is what a kill may take
            hub.kill();
        }
        Path pid = dataDir.resolve("postgres/postmaster.pid");
        long orphan = Long.parseLong(Files.readAllLines(pid).get(0).strip());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the kill left PostgreSQL running")
                .contains(true);

        try (HubProcess hub = HubProcess.start("embedded-crash-2", arguments)) {
            hub.awaitUp(Duration.ofSeconds(180));
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the orphan was stopped")
                    .isNotEqualTo(java.util.Optional.of(true));
            assertThat(hub.health().at("/components/readStore/details/closedUncleanly").asBoolean()).isTrue();
            HubClient client = hub.client();
            HubClient.Response summary = client.get(summary(registered));
            assertThat(summary.status()).isEqualTo(200);
            assertThat(summary.body()).contains("Killed");
            JsonNode again = client.post("/api/source-records", """
                    {"sourceSystem":"HOSP_K","localId":"K-1","demographics":{"names":[{"family":"Killed","given":["Kim"]}],
                     "birthDate":"1958-02-03"}}""").json();
            assertThat(again.path("created").asBoolean()).as("the record's events survived the kill").isFalse();
        }
    }

    private static String summary(JsonNode registered) {
        return "/api/patients/" + registered.path("masterPatientId").asText() + "?minPosition="
                + registered.path("position").asLong();
    }
}
