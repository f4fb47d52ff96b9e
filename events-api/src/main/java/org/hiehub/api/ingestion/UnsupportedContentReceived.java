package org.hiehub.api.ingestion;

import org.axonframework.serialization.Revision;

/**
 * Part of an accepted message the hub does not map yet (e.g. a FHIR Claim): kept in the raw payload, counted
 * and noted here rather than silently dropped.
 */
@Revision("1")
public record UnsupportedContentReceived(MessageKey messageKey, String contentType, int count, String note)
        implements IngestionEvent {
}
