package org.hiehub.hub.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubProcess;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.ThrowawayPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two projection processes sharing the processors' segments through the token store, for real: separate JVMs on
 * one throw-away PostgreSQL database and one standalone mongo-java-server. The first, alone, holds every segment;
 * once the second is up they split each processor's two segments one each, and both project while messages come
 * in. Then the first is killed ({@code kill -9}, so its claims are not released and it never leaves the
 * membership) while messages keep coming, and the second takes its segments over once the claims time out —
 * every message ends up projected, and exactly once.
 */
class ProjectionTakeoverTest {

    private static final String PROCESSOR = "timeline";
    /** Per processor; the two processes hold half each while both live. */
    private static final int SEGMENTS = 2;
    private static final List<Integer> ALL = java.util.stream.IntStream.range(0, SEGMENTS).boxed().toList();
    /** The default for every projection, and the one processor configured by properties. */
    private static final List<String> SHARED = List.of(PROCESSOR, "patient-summary");
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String database;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (database != null) {
            ThrowawayPostgres.drop(database);
        }
    }

    @Test
    @Timeout(240)
    void live_processes_share_the_segments_and_the_survivor_takes_over_the_killed_ones_projecting_every_message_once() {
        database = ThrowawayPostgres.createDatabase();
        MongoServer readStore = new MongoServer(new MemoryBackend());
        readStore.bind("127.0.0.1", 0);
        resources.add(readStore::shutdownNow);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> common = List.of(
                "--spring.datasource.url=" + ThrowawayPostgres.url(database),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--hub.read-store.uri=mongodb://127.0.0.1:" + readStore.getLocalAddress().getPort(),
                "--hub.privacy.master-key=" + Base64.getEncoder().encodeToString(key),
                "--hub.security.local-key-file=target/it-data/token-signing.jwk",
                "--hub.projections.default-segments=" + SEGMENTS);

        HubProcess first = start("takeover-projections", common, "--hub.roles=projections",
                "--hub.data-dir=target/takeover-projections");
        first.awaitUp(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> first.segmentsClaimed(PROCESSOR).equals(ALL));
        HubProcess second = start("takeover-command", common, "--hub.roles=command,projections,query",
                "--hub.data-dir=target/takeover-command", "--hub.mllp.port=0");
        second.awaitUp(Duration.ofSeconds(120));
        long secondUp = System.nanoTime();
        for (String processor : SHARED) {
            await(processor + " split half each").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> first.segmentsClaimed(processor).size() == SEGMENTS / 2
                            && second.segmentsClaimed(processor).size() == SEGMENTS / 2);
        }
        report("both processes hold half the segments of each shared processor", secondUp);
        assertThat(union(first.segmentsClaimed(PROCESSOR), second.segmentsClaimed(PROCESSOR))).isEqualTo(ALL);
        assertThat(first.health().at("/components/eventProcessors/details/" + PROCESSOR + "/processesSharing")
                .asInt()).isEqualTo(2);

        HubClient hub = second.client();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> mrns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mrns.add(send(hub, run, i));
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> mrns.forEach(mrn -> assertThat(observations(hub, mrn)).hasSize(3)));

        // both still share while the first batch was projected: each projected its part of it
        assertThat(first.segmentsClaimed(PROCESSOR)).hasSize(SEGMENTS / 2);
        assertThat(second.segmentsClaimed(PROCESSOR)).hasSize(SEGMENTS / 2);

        first.kill();
        long killed = System.nanoTime();
        for (int i = 5; i < 10; i++) {
            mrns.add(send(hub, run, i));
        }

        for (String processor : SHARED) {
            await(processor + " taken over").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> second.segmentsClaimed(processor).equals(ALL));
        }
        report("the survivor holds every segment", killed);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> mrns.forEach(mrn -> assertThat(observations(hub, mrn)).hasSize(3)));
        for (String mrn : mrns) {
            List<JsonNode> entries = observations(hub, mrn);
            assertThat(entries.stream().map(e -> e.path("factId").asText()).distinct()).as(mrn).hasSize(3);
            assertThat(entries.stream().map(e -> e.at("/code/code").asText()).sorted())
                    .as(mrn).containsExactly("2345-7", "2823-3", "4548-4");
        }
        assertThat(hub.get("/api/admin/dead-events").json().get(PROCESSOR)).isEmpty();
    }

    private static void report(String what, long sinceNanos) {
        System.out.printf("[ProjectionTakeoverTest] %s after %.1f s%n", what, (System.nanoTime() - sinceNanos) / 1e9);
    }

    private static List<Integer> union(List<Integer> a, List<Integer> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }

    private HubProcess start(String name, List<String> common, String... more) {
        List<String> arguments = new ArrayList<>(common);
        arguments.addAll(List.of(more));
        HubProcess process = HubProcess.start(name, arguments);
        resources.add(process);
        return process;
    }

    /** An ORU with three results for a new patient; answers the patient's MRN. */
    private static String send(HubClient hub, String run, int i) {
        String mrn = "MRN-" + run + "-" + i;
        String oru = "MSH|^~\\&|LAB|TAKEOVER|HUB|HIE|20261122101500||ORU^R01|C-" + run + "-" + i + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^TAKEOVER^MR||" + TestPeople.family() + "^Lee||"
                // a birth date of their own: people alike in all but family name are rightly linked by the MPI
                + TestPeople.birthDate().replace("-", "") + "|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||101|mg/dL|70-99|H|||F|||20261122100000\r"
                + "OBX|2|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F|||20261122100000\r"
                + "OBX|3|NM|4548-4^HbA1c^LN||7.2|%|4-5.6|H|||F|||20261122100000\r";
        HubClient.Response ack = hub.post("/ingest/hl7v2", "text/plain", oru.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.body()).as(mrn).contains("MSA|AA");
        return mrn;
    }

    private static List<JsonNode> observations(HubClient hub, String mrn) {
        String patient = hub.get("/api/patients?identifier=TAKEOVER%7C" + mrn).json()
                .at("/patients/0/masterPatientId").asText();
        assertThat(patient).isNotBlank();
        List<JsonNode> entries = new ArrayList<>();
        hub.get("/api/patients/" + patient + "/timeline?type=observation&limit=50").json().path("entries")
                .forEach(entries::add);
        return entries;
    }
}
