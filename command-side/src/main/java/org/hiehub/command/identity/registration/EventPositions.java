package org.hiehub.command.identity.registration;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The event-log position a client can wait for to read its own writes. Taken as the head of the log after the
 * command committed: at or past the client's events, on the JDBC engine and on Axon Server alike.
 */
@Component
public class EventPositions {

    private final EventStore eventStore;

    public EventPositions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
