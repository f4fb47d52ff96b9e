package org.hiehub.api.ingestion;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A message was refused and parked in the dead-letter store under {@code deadLetterId}; an auditor and the
 * quality views see the refusal. {@code reason} and {@code location} (segment/field or JSON path) never quote
 * values, so no personal data is recorded here.
 */
@Revision("1")
public record MessageRejected(String deadLetterId, String channel, String sourceSystem, MessageFormat format,
                              String messageType, String contentHash, Instant receivedAt, String reason,
                              String location, QualityAssessment quality) implements IngestionEvent {
}
