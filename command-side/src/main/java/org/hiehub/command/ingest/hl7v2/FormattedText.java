package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.parser.DefaultEscaping;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * HL7 v2 text as a reader sees it, read in one pass with the message's own escape character (HL7 v2.5.1 sections
 * 2.7.4 to 2.7.6): the delimiter escapes ({@code \F\ \S\ \T\ \R\ \E\}); hexadecimal data ({@code \Xhh…\}, read as
 * UTF-8 when it is valid UTF-8, else as ISO 8859-1 bytes); and the formatting commands of FT, which laboratories
 * also send in TX and ST results and in NTE comments: {@code \.br\} ends a line, {@code \.sp n\} ends it and skips
 * n-1 more, {@code \.sk n\} skips n spaces, {@code \.in}, {@code \.ti}, {@code \.fi}, {@code \.nf}, {@code \.ce}
 * (indent, fill, centre) and {@code \H\ \N\} (highlighting) have no plain-text form and are dropped. Other
 * sequences (character-set switches {@code \C…\ \M…\}, locally defined {@code \Z…\}) are kept as sent.
 *
 * <p>HAPI's own unescaping decodes the delimiter escapes and leaves the other sequences in the text, so an escaped
 * escape character followed by "N" or ".br" could no longer be told from a command: reading the commands afterwards
 * turned {@code C:\E\N\E\notes} into "C:notes". Reading everything in the same pass, as here, cannot. HAPI has no
 * rendering of its own; the raw message keeps the sequences as sent. Writing (the ACK) is HAPI's.
 */
final class FormattedText implements Escaping {

    /** A bound on what {@code \.sp 1000000\} may expand to. */
    private static final int MAX_REPEAT = 20;
    private static final Escaping WRITER = new DefaultEscaping();

    @Override
    public String escape(String text, EncodingCharacters encoding) {
        return WRITER.escape(text, encoding);
    }

    @Override
    public String unescape(String text, EncodingCharacters encoding) {
        char escape = encoding.getEscapeCharacter();
        if (text.indexOf(escape) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int closing = c == escape ? text.indexOf(escape, i + 1) : -1;
            if (closing < 0) {
                out.append(c); // not an escape, or a lone escape character: kept as sent
                i++;
                continue;
            }
            String read = read(text.substring(i + 1, closing), encoding);
            out.append(read != null ? read : text.substring(i, closing + 1)); // an unknown sequence as sent
            i = closing + 1;
        }
        return out.toString();
    }

    /** What {@code sequence} (between two escape characters) stands for; null when it is none this class reads. */
    private static String read(String sequence, EncodingCharacters encoding) {
        switch (sequence) {
            case "F":
                return String.valueOf(encoding.getFieldSeparator());
            case "S":
                return String.valueOf(encoding.getComponentSeparator());
            case "T":
                return String.valueOf(encoding.getSubcomponentSeparator());
            case "R":
                return String.valueOf(encoding.getRepetitionSeparator());
            case "E":
                return String.valueOf(encoding.getEscapeCharacter());
            case "H", "N":
                return "";
            default:
                break;
        }
        if (sequence.startsWith(".")) {
            return command(sequence.substring(1));
        }
        if (sequence.length() > 1 && sequence.charAt(0) == 'X') {
            return hex(sequence.substring(1));
        }
        return null;
    }

    private static String command(String command) {
        String name = command.length() >= 2 ? command.substring(0, 2) : command;
        String argument = command.substring(name.length()).strip();
        return switch (name) {
            case "br" -> argument.isEmpty() ? "\n" : null;
            case "sp" -> "\n".repeat(Math.max(1, count(argument)));
            case "sk" -> " ".repeat(count(argument));
            case "in", "ti", "fi", "nf", "ce" -> "";
            default -> null;
        };
    }

    /** A command's count: 1 when none was given, bounded, none for a negative one. */
    private static int count(String argument) {
        String digits = argument.startsWith("-") ? "" : argument.replace("+", "");
        if (!digits.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        return digits.isEmpty() ? 1 : digits.length() > 6 ? MAX_REPEAT
                : Math.min(MAX_REPEAT, Integer.parseInt(digits));
    }

    /** {@code \Xhh…\}: bytes in hexadecimal; NUL bytes (HAPI writes a carriage return as {@code \X000d\}) dropped. */
    private static String hex(String digits) {
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(d -> Character.digit(d, 16) >= 0)) {
            return null;
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) Integer.parseInt(digits, 2 * b, 2 * b + 2, 16);
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            decoded = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return decoded.replace("\u0000", "");
    }
}
