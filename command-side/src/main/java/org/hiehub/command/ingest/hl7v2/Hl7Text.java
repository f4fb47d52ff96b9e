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

    /** A UTF-8 byte order mark read byte for byte, as the MLLP layer hands frames over (ISO-8859-1). */
    private static final String UTF8_BOM_AS_LATIN1 = "\u00EF\u00BB\u00BF";

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

    /**
     * One segment per CR, no BOM, no blank segments, no leading or trailing white space around the message. One pass
     * over the characters: every entry point runs this several times per message (header, parse, ACK), and a regular
     * expression split took a tenth of the MLLP thread.
     */
    public static String normalise(String text) {
        int start = text.startsWith("\uFEFF") ? 1 : text.startsWith(UTF8_BOM_AS_LATIN1) ? 3 : 0;
        int length = text.length();
        StringBuilder out = new StringBuilder(length - start + 1);
        int segmentStart = start;
        for (int i = start; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '\n';
            if (c == '\r' || c == '\n') {
                appendSegment(out, text, segmentStart, i);
                segmentStart = i + 1;
            }
        }
        return out.toString();
    }

    private static void appendSegment(StringBuilder out, String text, int from, int to) {
        int end = to;
        while (end > from && isTrailingSpace(text.charAt(end - 1))) {
            end--;
        }
        int begin = from;
        while (begin < end && Character.isWhitespace(text.charAt(begin))) {
            begin++;
        }
        if (begin == end) {
            return;
        }
        out.append(text, out.isEmpty() ? begin : from, end).append('\r');
    }

    /** White space at a segment's end, except a tab, which can be the content of its last field. */
    private static boolean isTrailingSpace(char c) {
        return Character.isWhitespace(c) && c != '\t';
    }

    /** Whether two messages are the same but for MSH-7, the time a copy was made: a re-send, segment by segment. */
    public static boolean sameMessage(String earlier, String now) {
        return withoutMessageTime(normalise(earlier)).equals(withoutMessageTime(normalise(now)));
    }

    /**
     * The normalised message with MSH-7 (date/time of message) emptied: what stays the same when a sender makes
     * a new copy of a message to send it again.
     */
    public static String withoutMessageTime(String normalised) {
        if (normalised.length() < 4 || !normalised.startsWith("MSH")) {
            return normalised;
        }
        char separator = normalised.charAt(3);
        int end = normalised.indexOf('\r');
        int headerEnd = end < 0 ? normalised.length() : end;
        // the n-th separator of the MSH opens field n+1 (MSH-1 is the separator itself)
        int from = -1;
        int count = 0;
        for (int i = 3; i < headerEnd; i++) {
            if (normalised.charAt(i) == separator && ++count == 6) {
                from = i + 1;
                break;
            }
        }
        if (from < 0) {
            return normalised;
        }
        int to = normalised.indexOf(separator, from);
        return normalised.substring(0, from) + normalised.substring(to < 0 || to > headerEnd ? headerEnd : to);
    }

    /** The first segment of a normalised message (its MSH when it has one). */
    public static String firstSegment(String normalised) {
        int end = normalised.indexOf('\r');
        return end < 0 ? normalised : normalised.substring(0, end);
    }
}
