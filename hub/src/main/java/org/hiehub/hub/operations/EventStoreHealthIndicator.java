package org.hiehub.hub.operations;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the event store, asked through Axon rather than the data source: the head of the event log is read
 * the same way from PostgreSQL (JDBC engine) and from Axon Server, so the check covers whichever one holds events.
 */
class EventStoreHealthIndicator implements HealthIndicator {

    private final EventStore eventStore;
    private final String storage;

    EventStoreHealthIndicator(EventStore eventStore, String storage) {
        this.eventStore = eventStore;
        this.storage = storage;
    }

    @Override
    public Health health() {
        try {
            TrackingToken head = eventStore.createHeadToken();
            long position = head == null ? -1 : head.position().orElse(-1);
            return Health.up().withDetail("storage", storage).withDetail("head", position).build();
        } catch (RuntimeException e) {
            // the exception's class only: driver messages can quote SQL parameters
            return Health.down().withDetail("storage", storage).withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
