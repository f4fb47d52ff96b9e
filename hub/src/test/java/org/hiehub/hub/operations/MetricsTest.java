package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Spring Boot switches metric export off in tests unless asked: this test asks, as production runs. */
@HubIntegrationTest
@AutoConfigureObservability(tracing = false)
class MetricsTest {

    @LocalServerPort
    int port;

    @Test
    void prometheus_shows_ingest_outcomes_mpi_decisions_and_projection_lag_without_personal_data() {
        HubClient hub = new HubClient(port);
        String family = TestPeople.family();
        String control = UUID.randomUUID().toString().substring(0, 12);
        String oru = "MSH|^~\\&|LAB|METRICS|HUB|HIE|20261122101500||ORU^R01|" + control + "|P|2.5.1\r"
                + "PID|1||M-" + control + "^^^METRICS^MR||" + family + "^Mia||1977-07-07|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||101|mg/dL|70-99|H|||F|||20261122100000\r";
        HubClient.Response ack = hub.post("/ingest/hl7v2", "text/plain", oru.getBytes(StandardCharsets.UTF_8));
        assertThat(ack.body()).contains("MSA|AA");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = hub.get("/actuator/prometheus").body();
            assertThat(metrics).contains("hub_ingest_messages_total{channel=\"http\",format=\"HL7V2\",outcome=\"accepted\"")
                    .contains("hub_ingest_duration_seconds_bucket").contains("hub_ingest_facts_total")
                    .contains("hub_mpi_decisions_total").contains("hub_projection_lag_events{processor=\"patient-summary\"}")
                    .contains("hub_projection_lag_seconds{processor=\"patient-summary\"}")
                    .contains("hub_events_appended_total{type=\"MessageAccepted\"}")
                    .contains("http_server_requests_seconds_bucket{")
                    .contains("hub_ingest_batches_unfinished ").contains("hub_ingest_batches_messages_waiting ")
                    .doesNotContain(family).doesNotContain("M-" + control);
        });
    }

    @Test
    void health_reports_event_store_read_store_mllp_listener_and_each_processor() {
        HubClient.Response health = new HubClient(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.json().get("components");
        assertThat(components.at("/eventStore/status").asText()).isEqualTo("UP");
        assertThat(components.at("/eventStore/details/storage").asText()).isEqualTo("jdbc");
        assertThat(components.at("/readStore/status").asText()).isEqualTo("UP");
        assertThat(components.at("/mllp/status").asText()).isEqualTo("UP");
        assertThat(components.at("/mllp/details/port").asInt()).isPositive();
        assertThat(components.at("/eventProcessors/status").asText()).isEqualTo("UP");
        JsonNode summary = components.at("/eventProcessors/details/patient-summary");
        assertThat(summary.get("running").asBoolean()).isTrue();
        assertThat(summary.get("error").asBoolean()).isFalse();
        assertThat(summary.get("segmentsClaimed")).hasSize(summary.get("segmentsTotal").asInt());
        assertThat(summary.get("deadLetteredSequences").asLong()).isZero();
    }

    @Test
    void health_shows_only_its_status_to_callers_without_the_admin_role() {
        HubClient anonymous = new HubClient(port, null);
        HubClient clinician = anonymous.as(TestTokens.as("dr-health", HubRole.CLINICIAN));
        for (HubClient caller : java.util.List.of(anonymous, clinician)) {
            HubClient.Response health = caller.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.json().has("components")).as(health.body()).isFalse();
        }
        HubClient admin = anonymous.as(TestTokens.as("ops", HubRole.ADMIN));
        assertThat(admin.get("/actuator/health").json().at("/components/eventStore/status").asText())
                .isEqualTo("UP");
    }
}
