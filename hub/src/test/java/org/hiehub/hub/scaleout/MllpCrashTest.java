package org.hiehub.hub.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.hiehub.command.ingest.hl7v2.MllpConnection;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubProcess;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.ThrowawayPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -9} of the ingesting process in the middle of an MLLP stream, for real: every message the hub
 * acknowledged is in the event store and the views after a restart, and the sender's re-send of everything it sent
 * (acknowledged or not, as an MLLP sender does after a broken connection) creates no duplicate.
 */
class MllpCrashTest {

    private static final int MESSAGES = 40;
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
    void acknowledged_messages_survive_a_kill_and_resends_after_restart_create_no_duplicates() throws Exception {
        database = ThrowawayPostgres.createDatabase();
        MongoServer readStore = new MongoServer(new MemoryBackend());
        readStore.bind("127.0.0.1", 0);
        resources.add(readStore::shutdownNow);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        int mllpPort = freePort();
        List<String> arguments = List.of(
                "--spring.datasource.url=" + ThrowawayPostgres.url(database),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--hub.read-store.uri=mongodb://127.0.0.1:" + readStore.getLocalAddress().getPort(),
                "--hub.privacy.master-key=" + Base64.getEncoder().encodeToString(key),
                "--hub.security.local-key-file=target/it-data/token-signing.jwk",
                "--hub.data-dir=target/crash-hub", "--hub.mllp.port=" + mllpPort);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(oru(run, i));
        }

        HubProcess hub = HubProcess.start("crash-hub-1", arguments);
        resources.add(hub);
        hub.awaitUp(Duration.ofSeconds(120));
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> sendUntilBroken(mllpPort, messages,
                acknowledged));
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 10);
        hub.kill();
        sender.join();
        assertThat(acknowledged).as("the kill came mid-stream").hasSizeLessThan(MESSAGES);

        HubProcess restarted = HubProcess.start("crash-hub-2", arguments);
        resources.add(restarted);
        restarted.awaitUp(Duration.ofSeconds(120));
        HubClient client = restarted.client();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> acknowledged.forEach(i ->
                assertThat(observations(client, run, i)).as("acknowledged message " + i).hasSize(1)));

        Set<Integer> secondRound = ConcurrentHashMap.newKeySet();
        sendUntilBroken(mllpPort, messages, secondRound);
        assertThat(secondRound).hasSize(MESSAGES);
        assertThat(acceptedMessages()).isEqualTo(MESSAGES);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(observations(client, run, i)).as("message " + i).hasSize(1);
            }
        });
    }

    /** One connection, one message at a time, each waiting for its ACK (as MLLP senders do). */
    private static void sendUntilBroken(int port, List<String> messages, Set<Integer> acknowledged) {
        try (MllpConnection connection = new MllpConnection("127.0.0.1", port, Duration.ofSeconds(30))) {
            for (int i = 0; i < messages.size(); i++) {
                if (MllpConnection.Ack.of(connection.exchange(messages.get(i))).map(MllpConnection.Ack::accepted)
                        .orElse(false)) {
                    acknowledged.add(i);
                }
            }
        } catch (IOException e) {
            // the hub was killed: what was acknowledged so far is what the sender may rely on
        }
    }

    private long acceptedMessages() throws Exception {
        try (Connection c = DriverManager.getConnection(ThrowawayPostgres.url(database), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from domain_event_entry where payload_type = "
                     + "'org.hiehub.api.ingestion.MessageAccepted'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Sent messages by run and number: a re-send must be byte for byte what was sent before the kill. */
    private static final java.util.Map<String, String> SENT = new java.util.concurrent.ConcurrentHashMap<>();

    private static String oru(String run, int i) {
        return SENT.computeIfAbsent(run + "-" + i, key -> newOru(run, i));
    }

    /** Distinct people (own family name and birth date): the MPI links look-alikes, as it should. */
    private static String newOru(String run, int i) {
        return "MSH|^~\\&|LAB|CRASH|HUB|HIE|20261122101500||ORU^R01|K-" + run + "-" + i + "|P|2.5.1\r"
                + "PID|1||MRN-" + run + "-" + i + "^^^CRASH^MR||" + TestPeople.family() + "^Kim||"
                + TestPeople.birthDate().replace("-", "") + "|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||" + (90 + i) + "|mg/dL|70-99|N|||F|||20261122100000\r";
    }

    private static List<JsonNode> observations(HubClient hub, String run, int i) {
        String patient = hub.get("/api/patients?identifier=CRASH%7CMRN-" + run + "-" + i).json()
                .at("/patients/0/masterPatientId").asText();
        assertThat(patient).isNotBlank();
        List<JsonNode> entries = new ArrayList<>();
        hub.get("/api/patients/" + patient + "/timeline?type=observation&limit=50").json().path("entries")
                .forEach(entries::add);
        return entries;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
