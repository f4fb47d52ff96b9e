package org.hiehub.replay.eventlog;

import java.time.Instant;
import java.util.Collections;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads the event log through Axon's own streaming API, so the tools work on the JDBC engine and Axon Server alike:
 * events come back upcast to today's shape and decrypted by the event serializer when their payload is read.
 * A scan stops at the head as it stood when the scan began; events appended meanwhile are left for the next one.
 */
@Component
public class EventLog {

    private static final int HEAD_WAIT_SECONDS = 5;
    private final EventStore eventStore;

    public EventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Position of the newest event now, or 0 for an empty log. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** A token just before the first event stored at or after {@code at}. */
    public TrackingToken at(Instant at) {
        return eventStore.createTokenAt(at);
    }

    /**
     * A token after which reading yields the events past {@code position}, in the token type the engine uses
     * (the JDBC engine tracks gaps, Axon Server counts).
     */
    public TrackingToken after(long position) {
        if (position <= 0) {
            return null;
        }
        return eventStore.createHeadToken() instanceof GapAwareTrackingToken
                ? GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet())
                : new GlobalSequenceTrackingToken(position);
    }

    /**
     * Hands every event after {@code from} (null: from the first) up to today's head to {@code visitor}, in
     * global order, until the visitor answers false.
     *
     * @return how many events were visited
     */
    public long scan(TrackingToken from, Predicate<TrackedEventMessage<?>> visitor) {
        long head = headPosition();
        long reached = from == null ? 0 : from.position().orElse(0);
        long visited = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(from)) {
            // Waiting briefly rather than asking hasNextAvailable() once: the embedded store may hand a caught-up
            // reader over to its shared tailing producer, which fetches the last events a moment later.
            while (reached < head && stream.hasNextAvailable(HEAD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                visited++;
                reached = position(event).orElse(Long.MAX_VALUE);
                if (!visitor.test(event)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log", e);
        }
        return visited;
    }

    public static OptionalLong position(TrackedEventMessage<?> event) {
        return event.trackingToken() == null ? OptionalLong.empty() : event.trackingToken().position();
    }
}
