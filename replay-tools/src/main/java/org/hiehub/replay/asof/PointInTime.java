package org.hiehub.replay.asof;

import java.time.Instant;
import org.bson.Document;

/**
 * A patient summary as it stood at {@code at}: the patient-summary projection's document built from the
 * {@code eventsReplayed} events stamped up to then, the last of them at {@code lastPosition}.
 */
public record PointInTime(String masterPatientId, Instant at, long eventsReplayed, long lastPosition,
                          Document summary) {
}
