package org.hiehub.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hiehub.hub.HubApplication;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.PooledConnections;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-setup default as a newcomer runs it: embedded PostgreSQL and the H2-backed embedded read store under
 * one data directory. Everything written survives a restart of the hub, and the directory belongs to one hub at a
 * time.
 */
class EmbeddedDefaultsTest {

    @TempDir
    Path dataDir;

    @Test
    void the_hub_starts_with_no_external_service_and_keeps_events_and_views_across_a_restart() throws SQLException {
        JsonNode registered;
        String summaryBefore;
        try (ConfigurableApplicationContext hub = start()) {
            HubClient client = client(hub);
            registered = client.post("/api/source-records", """
                    {"sourceSystem":"HOSP_A","localId":"E-1","demographics":{"names":[{"family":"Persist","given":["Pat"]}],
                     "birthDate":"1961-06-01"}}""").json();
            summaryBefore = client.get("/api/patients/" + registered.path("masterPatientId").asText()
                    + "?minPosition=" + registered.path("position").asLong()).body();
            assertThat(summaryBefore).contains("Persist");
            assertThat(PooledConnections.rewriteBatchedInserts(hub.getBean(DataSource.class))).isTrue();
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("readstore/readstore.mv")).exists();
        assertThat(dataDir.resolve("master.key")).exists();

        try (ConfigurableApplicationContext hub = start()) {
            HubClient client = client(hub);
            HubClient.Response summaryAfter = client.get("/api/patients/" + registered.path("masterPatientId").asText()
                    + "?minPosition=" + registered.path("position").asLong());
            assertThat(summaryAfter.status()).isEqualTo(200);
            assertThat(summaryAfter.body()).isEqualTo(summaryBefore);
            JsonNode again = client.post("/api/source-records", """
                    {"sourceSystem":"HOSP_A","localId":"E-1","demographics":{"names":[{"family":"Persist","given":["Pat"]}],
                     "birthDate":"1961-06-01"}}""").json();
            assertThat(again.path("created").asBoolean()).as("the record is known after restart").isFalse();
            assertThat(again.path("masterPatientId").asText()).isEqualTo(registered.path("masterPatientId").asText());
        }
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("PostgreSQL stopped with the hub")
                .isFalse();
    }

    @Test
    void a_second_hub_on_the_same_data_directory_is_refused_before_it_opens_any_store() {
        try (ConfigurableApplicationContext hub = start()) {
            HubClient client = client(hub);
            JsonNode registered = client.post("/api/source-records", """
                    {"sourceSystem":"HOSP_A","localId":"E-2","demographics":{"names":[{"family":"Held","given":["Pat"]}],
                     "birthDate":"1962-07-02"}}""").json();

            assertThatThrownBy(this::start).hasStackTraceContaining("another hub is running with data directory "
                    + dataDir.toAbsolutePath().normalize());

            HubClient.Response summary = client.get("/api/patients/" + registered.path("masterPatientId").asText()
                    + "?minPosition=" + registered.path("position").asLong());
            assertThat(summary.status()).as("the first hub's stores were not touched").isEqualTo(200);
            assertThat(summary.body()).contains("Held");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + dataDir, "--server.port=0", "--hub.mllp.port=0",
                "--axoniq.update-checker.disabled=true");
    }

    private HubClient client(ConfigurableApplicationContext context) {
        return new HubClient(((WebServerApplicationContext) context).getWebServer().getPort(),
                TestTokens.allRoles(dataDir));
    }
}
