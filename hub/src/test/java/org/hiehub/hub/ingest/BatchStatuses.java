package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.hiehub.hub.support.HubClient;
import org.springframework.jdbc.core.JdbcTemplate;

/** Following a batch sent with {@code Prefer: respond-async} to its end. */
final class BatchStatuses {

    private BatchStatuses() {
    }

    /** The batch's status once DONE, which no longer asks to be polled again. */
    static JsonNode awaitDone(HubClient hub, String location) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> hub.get(location).json().path("status").asText().equals("DONE"));
        HubClient.Response status = hub.get(location);
        assertThat(status.header("Retry-After")).isNull();
        return status.json();
    }

    /**
     * A batch as a process leaves it when it dies after recording the outcomes of its first {@code recorded}
     * messages (all accepted): claimed by "crashed", whose claim stopped being renewed ten minutes ago.
     */
    static void leftByCrashedProcess(JdbcTemplate jdbc, String id, String format, String peer, int messages,
                                     byte[] payload, int recorded) {
        jdbc.update("""
                insert into ingest_batch(id, format, channel, peer, received_at, size_bytes, messages, payload, status,
                                         next_index, accepted, owner, heartbeat_at, started_at)
                values (?, ?, 'batch', ?, ?, ?, ?, ?, 'RUNNING', ?, ?, 'crashed', ?, ?)""",
                id, format, peer, Timestamp.from(Instant.now()), payload.length, messages, payload, recorded,
                recorded, Timestamp.from(Instant.now().minusSeconds(600)),
                Timestamp.from(Instant.now().minusSeconds(700)));
    }
}
