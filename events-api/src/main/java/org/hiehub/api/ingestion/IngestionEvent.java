package org.hiehub.api.ingestion;

/** Facts about messages themselves: accepted, rejected, partly unsupported. */
public sealed interface IngestionEvent permits MessageAccepted, MessageRejected, UnsupportedContentReceived {
}
