package org.hiehub.command.ingest;

import java.util.Arrays;
import org.hiehub.api.ingestion.MessageFormat;

/** Turns one wire format into a {@link ParsedMessage}, or refuses it with a {@link RejectedInput}. */
public interface MessageParser {

    MessageFormat format();

    ParsedMessage parse(InboundMessage message) throws RejectedInput;

    /** Where the control id is ("MSH-10"), for an error that concerns it. */
    String controlIdLocation();

    /**
     * Whether two payloads that carry the same sender and control id are one message sent twice. A sender that
     * re-sends may stamp the copy anew (the time the message was created), so a format says which parts a re-send
     * may change; anything else that differs makes it a different message that reuses the control id.
     */
    default boolean sameMessage(byte[] earlier, byte[] now) {
        return Arrays.equals(earlier, now);
    }
}
