package org.hiehub.command.ingest.deadletter;

import java.time.Instant;

/**
 * A refused message as the dead-letter list shows it (payload fetched separately). {@code status}: OPEN,
 * REPROCESSED (stored as {@code resolvedMessageKey}) or SUPERSEDED (a re-processing failed again and parked what
 * it tried as {@code supersededBy}).
 */
public record DeadLetter(String id, Instant receivedAt, String channel, String peer, String format,
                         String sourceSystem, String messageType, String reason, String location, int errorCode,
                         String contentHash, long sizeBytes, boolean truncated, String status,
                         Instant resolvedAt, String resolvedMessageKey, String supersededBy) {
}
