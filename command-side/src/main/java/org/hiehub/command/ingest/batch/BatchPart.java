package org.hiehub.command.ingest.batch;

import java.nio.charset.StandardCharsets;

/**
 * One message a batch is worked through in: an HL7 v2 message of a batch file, or a part of an NDJSON body.
 * {@code controlId}: the HL7 control id, or null. {@code lines}: for a part of a larger body, the body's line number
 * of each of the part's lines in order (a refusal's "line 3" is the body's {@code lines[2]}), or null when the
 * part's lines are numbered as sent.
 */
public record BatchPart(String text, String controlId, int[] lines) {

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
