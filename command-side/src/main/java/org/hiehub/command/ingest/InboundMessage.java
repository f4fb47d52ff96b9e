package org.hiehub.command.ingest;

import java.time.Instant;
import org.hiehub.api.ingestion.MessageFormat;

/**
 * A payload as it arrived, before anything trusts it. {@code channel} says how (mllp, http, batch, reprocess);
 * {@code peer} who sent it on the network (an address or client id), for the dead-letter list.
 */
public record InboundMessage(MessageFormat format, String channel, String peer, byte[] payload, Instant receivedAt) {
}
