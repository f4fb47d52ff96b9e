package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stores going away under a running hub. The read store is a mongo-java-server on a fixed port that the test
 * stops and starts again (same data), as a MongoDB restart would look to the driver; PostgreSQL's connections
 * are cut with {@code pg_terminate_backend}, as a PostgreSQL restart cuts them.
 */
@HubIntegrationTest
// a context of its own: closed after the class so its database connections do not stay pooled for the whole run
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StoreOutageTest {

    /** The data outlives each server: a MongoServer closes its backend on shutdown, this one ignores that. */
    private static final MongoBackend BACKEND = keepingData(new MemoryBackend());
    private static MongoServer readStore = new MongoServer(BACKEND);
    private static final int PORT;

    static {
        readStore.bind("127.0.0.1", 0);
        PORT = readStore.getLocalAddress().getPort();
    }

    private static volatile boolean listening = true;

    @LocalServerPort
    int port;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @DynamicPropertySource
    static void externalReadStore(DynamicPropertyRegistry properties) {
        properties.add("hub.read-store.uri", () -> "mongodb://127.0.0.1:" + PORT);
    }

    @AfterAll
    static void stopReadStore() {
        readStore.shutdownNow();
    }

    @Test
    void while_the_read_store_is_away_reads_answer_503_and_projections_catch_up_without_loss_once_it_is_back() {
        HubClient hub = new HubClient(port);
        JsonNode before = register(hub);
        String beforeId = before.path("masterPatientId").asText();
        awaitSummary(hub, beforeId, before.path("position").asLong());

        readStore.shutdownNow();
        listening = false;
        try {
            // An answer kept for the view state of a status snapshot read just before may still be served until that
            // snapshot ages out (hub.query.status-max-age-ms, 50 ms); the next status read finds the store away.
            HubClient.Response read = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> hub.get("/api/patients/" + beforeId), r -> r.status() != 200);
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.header("Content-Type")).startsWith("application/problem+json");
            assertThat(read.json().path("title").asText()).isEqualTo("Read store unavailable");
            assertThat(read.header("Retry-After")).isNotBlank();
            HubClient.Response health = hub.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().at("/components/readStore/status").asText()).isEqualTo("DOWN");

            // the command side does not need the read store: writes go on and are projected later
            JsonNode during = register(hub);
            assertThat(during.path("created").asBoolean()).isTrue();
            sleep(Duration.ofSeconds(3)); // let the processors fail and back off

            restartReadStore();

            JsonNode summary = awaitSummary(hub, during.path("masterPatientId").asText(),
                    during.path("position").asLong());
            assertThat(summary.toString()).contains(during.path("sourceRecordId").asText());
            assertThat(hub.get("/api/patients/" + beforeId).status()).isEqualTo(200);
            assertThat(hub.get("/api/admin/dead-events").json().get("patient-summary")).isEmpty();
        } finally {
            if (!listening) {
                restartReadStore();
            }
        }
    }

    @Test
    void commands_fail_cleanly_while_postgresql_connections_are_cut_and_succeed_afterwards() throws Exception {
        HubClient hub = new HubClient(port);
        String database = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1)
                + "postgres", "postgres", "");
             PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(pid) from "
                     + "pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            terminate.execute();
        }

        HubClient.Response first = post(hub);
        // a pooled connection found dead is replaced before use (201); one that dies in use fails the command (503)
        assertThat(first.status()).as(first.body()).isIn(201, 503);
        if (first.status() == 503) {
            assertThat(first.header("Content-Type")).startsWith("application/problem+json");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(post(hub).status()).isEqualTo(201));
    }

    /** The same data on the same port: what the driver sees of a MongoDB restart. */
    private static void restartReadStore() {
        readStore = new MongoServer(BACKEND);
        readStore.bind("127.0.0.1", PORT);
        listening = true;
    }

    private static MongoBackend keepingData(MongoBackend backend) {
        return (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
                new Class<?>[] {MongoBackend.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(backend, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static JsonNode register(HubClient hub) {
        HubClient.Response response = post(hub);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static HubClient.Response post(HubClient hub) {
        return hub.post("/api/source-records", """
                {"sourceSystem":"OUTAGE","localId":"L%d","demographics":{
                  "names":[{"use":"official","family":"%s","given":["%s"]}],"birthDate":"%s"}}
                """.formatted(ThreadLocalRandom.current().nextLong(1_000_000_000L), TestPeople.family(),
                TestPeople.family(), TestPeople.birthDate()));
    }

    private static JsonNode awaitSummary(HubClient hub, String masterPatientId, long position) {
        JsonNode[] summary = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HubClient.Response read = hub.get("/api/patients/" + masterPatientId + "?minPosition=" + position
                    + "&waitMs=1000");
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            summary[0] = read.json();
        });
        return summary[0];
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
