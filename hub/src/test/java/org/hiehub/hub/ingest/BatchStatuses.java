package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.hiehub.hub.support.HubClient;

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
}
