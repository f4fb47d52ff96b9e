package org.hiehub.api.ingestion;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A message was accepted; its clinical facts follow it in the same stream and transaction. The raw payload is kept
 * under {@code messageKey} (bronze layer) for re-processing. No personal data here.
 */
@Revision("1")
public record MessageAccepted(MessageKey messageKey, String channel, String sourceSystem, MessageFormat format,
                              String messageType, String controlId, String contentHash, Instant receivedAt,
                              int factCount, QualityAssessment quality) implements IngestionEvent {
}
