package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.projections.status.ProjectionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A projection that cannot handle one event parks it; everything else goes on; after a fix a retry handles it. */
@HubIntegrationTest
@Import(DeadEventsTest.WithFailingProjection.class)
// a context of its own: closed after the class so its database connections do not stay pooled for the whole run
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadEventsTest {

    @LocalServerPort
    int port;
    @Autowired
    ProjectionStatus status;
    @Autowired
    FailingProjection failing;
    @Autowired
    EventStore eventStore;

    @Test
    void a_poison_event_is_parked_with_its_error_while_other_sequences_and_projections_go_on_and_is_retried_after_a_fix() {
        HubClient hub = new HubClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        hub.post("/ingest/hl7v2", "text/plain", oru("POISON-" + run).getBytes(StandardCharsets.UTF_8));
        HubClient.Response healthy = hub.post("/ingest/hl7v2", "text/plain",
                oru("FINE-" + run).getBytes(StandardCharsets.UTF_8));
        assertThat(healthy.body()).contains("MSA|AA");
        long position = eventStore.createHeadToken().position().orElseThrow();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(status.hasReached(FailingProjection.GROUP, position)).isTrue();
            assertThat(status.hasReached("patient-summary", position)).isTrue();
        });
        assertThat(failing.handled).contains("FINE-" + run).doesNotContain("POISON-" + run);

        JsonNode parked = hub.get("/api/admin/dead-events").json().get(FailingProjection.GROUP);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).get("eventType").asText()).isEqualTo("MessageAccepted");
        assertThat(parked.get(0).at("/error/type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(parked.get(0).at("/error/message").asText()).isEqualTo("deliberately failing");
        assertThat(hub.get("/api/admin/dead-events").json().get("patient-summary")).isEmpty();
        assertThat(hub.get("/actuator/health").json()
                .at("/components/eventProcessors/details/" + FailingProjection.GROUP + "/deadLetteredSequences")
                .asLong()).isEqualTo(1);

        failing.broken = false;
        JsonNode retried = hub.post("/api/admin/dead-events/" + FailingProjection.GROUP + "/retry", "").json();

        assertThat(retried.get("sequencesHandled").asInt()).isEqualTo(1);
        assertThat(retried.get("sequencesStillParked").asInt()).isZero();
        assertThat(failing.handled).contains("POISON-" + run);
        assertThat(hub.get("/api/admin/dead-events").json().get(FailingProjection.GROUP)).isEmpty();
        assertThat(hub.post("/api/admin/dead-events/no-such-processor/retry", "").status()).isEqualTo(404);
    }

    private static String oru(String control) {
        return "MSH|^~\\&|LAB|DLQ|HUB|HIE|20261122101500||ORU^R01|" + control + "|P|2.5.1\r"
                + "PID|1||M-" + control + "^^^DLQ^MR||" + TestPeople.family() + "^Ann||" + "19700101|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||101|mg/dL|70-99|H|||F|||20261122100000\r";
    }

    /** Fails on messages whose control id starts with POISON while {@link #broken}. */
    @ProcessingGroup(FailingProjection.GROUP)
    static class FailingProjection {
        static final String GROUP = "failing-test-projection";
        final Set<String> handled = ConcurrentHashMap.newKeySet();
        volatile boolean broken = true;

        @EventHandler
        void on(MessageAccepted accepted) {
            if (broken && accepted.controlId().startsWith("POISON")) {
                throw new IllegalStateException("deliberately failing");
            }
            handled.add(accepted.controlId());
        }
    }

    @TestConfiguration
    static class WithFailingProjection {
        @Bean
        FailingProjection failingProjection() {
            return new FailingProjection();
        }
    }
}
