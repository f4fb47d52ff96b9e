package org.hiehub.command.ingest.hl7v2;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a batch file into its messages. A batch is an FHS/BHS envelope (its header and trailer segments are
 * dropped), or messages one after another, each starting at an MSH line, with or without blank lines between
 * them. Framing that file-based senders leave behind (MLLP start/end bytes, "[SOM]"-style markers before the MSH)
 * is removed. Text before the first MSH that is not an envelope segment is kept as a message of its own, so that
 * it is refused with a reason rather than silently dropped.
 */
public final class Hl7Batch {

    private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9]{2}[^A-Za-z0-9\\s].*|[A-Z][A-Z0-9]{2}$");
    private static final List<String> ENVELOPE = List.of("FHS", "BHS", "BTS", "FTS");

    private Hl7Batch() {
    }

    /** The parts of a body. {@code enveloped}: the body had FHS/BHS segments, i.e. it declared itself a batch. */
    public record Split(List<String> messages, boolean enveloped) {
    }

    public static Split split(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean enveloped = false;
        for (String rawLine : text.split("\r\n|\n|\r")) {
            String line = unframed(rawLine);
            if (line.isBlank()) {
                continue;
            }
            String id = line.length() >= 3 ? line.substring(0, 3) : line;
            if (ENVELOPE.contains(id) && isSegment(line)) {
                enveloped |= id.equals("FHS") || id.equals("BHS");
                continue;
            }
            if (isMsh(line) && !current.isEmpty()) {
                messages.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\r');
        }
        if (!current.isEmpty()) {
            messages.add(current.toString());
        }
        return new Split(messages, enveloped);
    }

    private static String unframed(String line) {
        String s = line.replace("\u000b", "").replace("\u001c", "").strip();
        int msh = s.indexOf("MSH");
        if (msh > 0 && !isSegment(s) && isMsh(s.substring(msh))) {
            return s.substring(msh);
        }
        return s;
    }

    private static boolean isMsh(String line) {
        return line.length() > 3 && line.startsWith("MSH") && !Character.isLetterOrDigit(line.charAt(3));
    }

    private static boolean isSegment(String line) {
        return SEGMENT.matcher(line).matches();
    }
}
