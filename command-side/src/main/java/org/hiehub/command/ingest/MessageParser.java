package org.hiehub.command.ingest;

import org.hiehub.api.ingestion.MessageFormat;

/** Turns one wire format into a {@link ParsedMessage}, or refuses it with a {@link RejectedInput}. */
public interface MessageParser {

    MessageFormat format();

    ParsedMessage parse(InboundMessage message) throws RejectedInput;
}
