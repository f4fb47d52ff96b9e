package org.hiehub.command.ingest.hl7v2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 text as a reader sees it. HAPI decodes the delimiter escapes (\F\, \S\, \T\, \R\, \E\) but leaves the
 * formatting commands of FT (HL7 v2.5.1 section 2.7.6), which laboratories also send in TX and ST results and in
 * NTE comments: {@code \.br\} ends a line, {@code \.sp n\} ends it and skips n-1 more, {@code \.sk n\} skips n
 * spaces, {@code \.in}, {@code \.ti}, {@code \.fi}, {@code \.nf}, {@code \.ce} (indent, fill, centre) and
 * {@code \H\ \N\} (highlighting) have no plain-text form and are dropped. Written here because HAPI has no such
 * rendering; the raw message keeps the commands as sent.
 */
final class FormattedText {

    private static final Pattern COMMAND = Pattern.compile(
            "\\\\(?:\\.(br|sp|sk|in|ti|fi|nf|ce)\\s*([+-]?\\d*)|([HN]))\\\\");
    /** A bound on what {@code \.sp 1000000\} may expand to. */
    private static final int MAX_REPEAT = 20;

    private FormattedText() {
    }

    static String plain(String text) {
        if (text == null || text.indexOf('\\') < 0) {
            return text;
        }
        Matcher m = COMMAND.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(render(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String render(String command, String argument) {
        if (command == null) {
            return ""; // \H\ or \N\
        }
        String digits = argument.startsWith("-") ? "" : argument.replace("+", ""); // "" when none was given
        int n = digits.isEmpty() ? 1 : digits.length() > 6 ? MAX_REPEAT
                : Math.min(MAX_REPEAT, Integer.parseInt(digits));
        return switch (command) {
            case "br" -> "\n";
            case "sp" -> "\n".repeat(Math.max(1, n));
            case "sk" -> " ".repeat(n);
            default -> "";
        };
    }
}
