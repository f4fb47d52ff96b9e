package org.hiehub.hub.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.hiehub.projections.support.LogPosition;

/**
 * Axon's JDBC engine, except that a tracked event's timestamp is parsed once, by {@link IsoInstants}. Axon keeps
 * it as text and parses it with a {@code DateTimeFormatter} each time it is asked: once here for the gap check
 * and again for the message. On a rebuild that was over a quarter of the thread reading the log.
 * {@link #getTrackedEventData} is Axon 4.13's own, with the gap settings passed in (Axon keeps them private).
 */
final class TimestampParsingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MS = 60_000;
    private final EventSchema schema;

    TimestampParsingJdbcEventStorageEngine(Builder builder, EventSchema schema) {
        super(builder.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE).maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MS).schema(schema));
        this.schema = schema;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        ParsedTimestampEntry<?> event = new ParsedTimestampEntry<>(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps = event.getTimestamp().isAfter(gapTimeoutFrame());
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet())
                : previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        if (token.getIndex() != globalSequence) {
            // a gap filler: its token stays at the highest index read, so views that keep positions learn its own
            LogPosition.filledGap(token, globalSequence);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    private static Instant gapTimeoutFrame() {
        return GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MS);
    }

    /** An event entry that parses its timestamp when read from the row instead of whenever it is asked. */
    private static final class ParsedTimestampEntry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        ParsedTimestampEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                             Object timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType,
                    payloadRevision, payload, metaData);
            String text = timestamp instanceof String string ? string : null;
            Instant fast = IsoInstants.parse(text);
            this.timestamp = fast != null ? fast : super.getTimestamp();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
