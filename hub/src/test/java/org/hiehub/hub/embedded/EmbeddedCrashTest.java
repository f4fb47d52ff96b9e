package org.hiehub.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the all-in-one hub on embedded defaults, for real: its PostgreSQL, a child process the kill
 * does not reach, is left running on the data directory. The next start stops that orphan and comes up with every
 * committed event, and health says the embedded read store was not closed. The kill comes right after a write reached
 * the views, inside the second in which the H2 file has not yet written them: the next start sets the views back to
 * what the file holds and they catch up, without a rebuild. A deleted read-store file is refilled from the log the
 * same way, and so is the memory backend, which starts empty every time.
 */
class EmbeddedCrashTest {

    @TempDir
    Path dataDir;

    @Test
    @Timeout(420)
    void the_embedded_hub_starts_again_after_a_kill_and_its_views_catch_up_with_what_the_kill_took() throws Exception {
        List<String> arguments = List.of("--hub.data-dir=" + dataDir.toAbsolutePath(), "--hub.mllp.port=0",
                "--hub.security.local-key-file=target/it-data/token-signing.jwk");
        JsonNode registered;
        JsonNode justBefore;
        try (HubProcess hub = HubProcess.start("embedded-crash-1", arguments)) {
            hub.awaitUp(Duration.ofSeconds(180));
            assertThat(hub.health().at("/components/readStore/details/closedUncleanly").isMissingNode()).isTrue();
            HubClient client = hub.client();
            registered = register(client, "K-1", "Killed", "Kim", "1958-02-03");
            assertThat(client.get(summary(registered)).status()).isEqualTo(200);
            Thread.sleep(3_000);  // past H2's next page write
            justBefore = register(client, "K-2", "Lastwrite", "Lea", "1971-09-12");
            assertThat(client.get(summary(justBefore)).status()).isEqualTo(200);
            hub.kill(); // at once: the H2 file most likely has not written K-2's view yet, its token is in PostgreSQL
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
            HubClient.Response last = client.get(summary(justBefore));
            assertThat(last.status()).as("the view of the write just before the kill: %s", last.body()).isEqualTo(200);
            assertThat(last.body()).contains("Lastwrite");
            JsonNode again = register(client, "K-1", "Killed", "Kim", "1958-02-03");
            assertThat(again.path("created").asBoolean()).as("the record's events survived the kill").isFalse();
        }

        deleteRecursively(dataDir.resolve("readstore"));
        try (HubProcess hub = HubProcess.start("embedded-crash-3", arguments)) {
            hub.awaitUp(Duration.ofSeconds(180));
            assertThat(hub.health().at("/components/readStore/details/closedUncleanly").isMissingNode()).isTrue();
            HubClient client = hub.client();
            HubClient.Response first = client.get(summary(registered));
            assertThat(first.status()).as("a view refilled from the log: %s", first.body()).isEqualTo(200);
            assertThat(first.body()).contains("Killed");
            assertThat(client.get(summary(justBefore)).body()).contains("Lastwrite");
        }

        List<String> inMemory = new java.util.ArrayList<>(arguments);
        inMemory.add("--hub.read-store.embedded-backend=memory");
        try (HubProcess hub = HubProcess.start("embedded-crash-4", inMemory)) {
            hub.awaitUp(Duration.ofSeconds(180));
            HubClient.Response first = hub.client().get(summary(registered));
            assertThat(first.status()).as("the memory store, empty at start, refilled: %s", first.body())
                    .isEqualTo(200);
            assertThat(first.body()).contains("Killed");
        }
    }

    private static JsonNode register(HubClient client, String localId, String family, String given,
                                     String birthDate) {
        return client.post("/api/source-records", """
                {"sourceSystem":"HOSP_K","localId":"%s","demographics":{"names":[{"family":"%s","given":["%s"]}],
                 "birthDate":"%s"}}""".formatted(localId, family, given, birthDate)).json();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String summary(JsonNode registered) {
        return "/api/patients/" + registered.path("masterPatientId").asText() + "?minPosition="
                + registered.path("position").asLong();
    }
}
