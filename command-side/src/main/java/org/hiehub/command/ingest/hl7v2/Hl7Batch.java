package org.hiehub.command.ingest.hl7v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits a batch file into its messages. A batch is an FHS/BHS envelope (its header and trailer segments are
 * dropped), or messages one after another, each starting at an MSH line, with or without blank lines between
 * them. Framing that file-based senders leave behind (MLLP start/end bytes, "[SOM]"-style markers before the MSH)
 * is removed. Text before the first MSH that is not an envelope segment is kept as a message of its own, so that
 * it is refused with a reason rather than silently dropped. The trailers' counts (BTS-1 messages in a batch, FTS-1
 * batches in a file) are checked against what arrived: a file cut short in transfer still splits into good
 * messages, and only the counts tell that some are missing.
 */
public final class Hl7Batch {

    private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9]{2}[^A-Za-z0-9\\s].*|[A-Z][A-Z0-9]{2}$");
    private static final List<String> ENVELOPE = List.of("FHS", "BHS", "BTS", "FTS");

    private Hl7Batch() {
    }

    /**
     * The parts of a body. {@code enveloped}: the body had FHS/BHS segments, i.e. it declared itself a batch;
     * {@code incomplete}: where a trailer's count disagrees with what arrived, e.g. "BTS-1 counts 3 messages, 1
     * arrived", none when the counts agree or were not sent.
     */
    public record Split(List<String> messages, boolean enveloped, List<String> incomplete) {

        public Split {
            incomplete = List.copyOf(incomplete);
        }
    }

    public static Split split(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<String> messages = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean enveloped = false;
        int batches = 0;
        int batchStart = 0;
        for (String rawLine : text.split("\r\n|\n|\r")) {
            String line = unframed(rawLine);
            if (line.isBlank()) {
                continue;
            }
            String id = line.length() >= 3 ? line.substring(0, 3) : line;
            if (ENVELOPE.contains(id) && isSegment(line)) {
                enveloped |= id.equals("FHS") || id.equals("BHS");
                if (!current.isEmpty()) {
                    messages.add(current.toString());
                    current.setLength(0);
                }
                switch (id) {
                    case "BHS" -> {
                        batches++;
                        batchStart = messages.size();
                    }
                    case "BTS" -> {
                        int arrived = messages.size() - batchStart;
                        declared(line).filter(n -> n != arrived).ifPresent(n -> incomplete.add(
                                "BTS-1 counts " + n + " messages, " + arrived + " arrived"));
                    }
                    // a file without BHS, messages straight in it, is often sent with its message count in FTS-1
                    case "FTS" -> {
                        int arrived = batches;
                        int straight = batches == 0 ? messages.size() : -1;
                        declared(line).filter(n -> n != arrived && n != straight).ifPresent(n -> incomplete.add(
                                "FTS-1 counts " + n + " batches, " + arrived + " arrived"));
                    }
                    default -> { }
                }
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
        return new Split(messages, enveloped, incomplete);
    }

    /** A trailer's count, its field 1; nothing when it sends none. */
    private static Optional<Integer> declared(String trailer) {
        if (trailer.length() <= 3) {
            return Optional.empty();
        }
        String[] fields = trailer.split(Pattern.quote(String.valueOf(trailer.charAt(3))), -1);
        String sent = fields.length > 1 ? fields[1].strip() : "";
        return sent.matches("\\d{1,9}") ? Optional.of(Integer.parseInt(sent)) : Optional.empty();
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
