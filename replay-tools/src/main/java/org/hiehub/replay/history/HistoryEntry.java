package org.hiehub.replay.history;

import java.time.Instant;

/**
 * One event of a patient's history as the auditor sees it: where it sits in the log, when and on which stream it
 * was recorded, and its payload read back through the event serializer (personal data decrypted, old revisions
 * upcast).
 *
 * @param position the event's global position in the log
 * @param type the event's simple type name, e.g. {@code DemographicsUpdated}
 * @param revision the payload revision after upcasting (the shape shown)
 */
public record HistoryEntry(long position, Instant timestamp, String type, String revision, String aggregateType,
                           String aggregateId, long sequenceNumber, String eventId, Object payload) {
}
