package org.hiehub.command.ingest.hl7v2;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes on the wire into the text HAPI expects. Real feeds differ from the standard in ways HAPI does
 * not forgive: files saved on Windows or Unix separate segments with CRLF or LF, which HAPI silently reads as a
 * message with only its MSH (data loss without an error), and editors prepend a UTF-8 byte order mark.
 */
public final class Hl7Text {

    private Hl7Text() {
    }

    /** UTF-8 when the bytes are valid UTF-8 (ASCII is), otherwise ISO-8859-1, which older feeds send. */
    public static String decode(byte[] payload) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    /** One segment per CR, no BOM, no blank segments, no leading or trailing white space around the message. */
    public static String normalise(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        StringBuilder out = new StringBuilder(s.length());
        for (String segment : s.split("\r\n|\n|\r")) {
            String trimmed = stripTrailing(segment);
            if (!trimmed.isBlank()) {
                out.append(out.isEmpty() ? trimmed.stripLeading() : trimmed).append('\r');
            }
        }
        return out.toString();
    }

    /** The first segment of a normalised message (its MSH when it has one). */
    public static String firstSegment(String normalised) {
        int end = normalised.indexOf('\r');
        return end < 0 ? normalised : normalised.substring(0, end);
    }

    private static String stripTrailing(String segment) {
        int end = segment.length();
        while (end > 0 && Character.isWhitespace(segment.charAt(end - 1)) && segment.charAt(end - 1) != '\t') {
            end--;
        }
        return segment.substring(0, end);
    }
}
