package org.hiehub.command.ingest.batch;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionService;

/**
 * What became of one message of a batch: {@code ack} AA, AE or AR (HL7 terms, for every format: accepted, refused
 * for its content, refused as unreadable); {@code status} ACCEPTED, DUPLICATE (stored before; {@code facts} is then 0)
 * or REJECTED (see {@code deadLetterId}). {@code lines}: for a part of an NDJSON body, the body's lines it held
 * ("1-120, 305"); a refusal's location and reason name the body's line numbers.
 */
public record BatchResult(int index, String controlId, String lines, String ack, String status, Integer errorCode,
                          String location, String error, String messageKey, String deadLetterId, int facts) {

    private static final Pattern LINE = Pattern.compile("\\bline (\\d+)\\b");
    private static final int MAX_LINES_TEXT = 255;

    /** Message {@code index} of a batch through the pipeline, received with the batch. */
    public static BatchResult ingest(IngestionService ingestion, MessageFormat format, int index, BatchPart part,
                                     String channel, String peer, Instant received) {
        IngestOutcome outcome = ingestion.ingest(new InboundMessage(format, channel, peer, part.bytes(), received));
        return of(index, part, outcome);
    }

    static BatchResult of(int index, BatchPart part, IngestOutcome outcome) {
        int[] lines = part.lines();
        return new BatchResult(index, part.controlId(), lines == null ? null : ranges(lines), outcome.ackCode(),
                outcome.status().name(), outcome.stored() ? null : outcome.errorCode(),
                renumbered(outcome.location(), lines), renumbered(outcome.reason(), lines), outcome.messageKey(),
                outcome.deadLetterId(), outcome.factCount());
    }

    /** "line 3" of a part is the body's line {@code lines[2]}. */
    static String renumbered(String text, int[] lines) {
        if (text == null || lines == null) {
            return text;
        }
        Matcher matcher = LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            int inPart = Integer.parseInt(matcher.group(1));
            boolean known = inPart >= 1 && inPart <= lines.length;
            matcher.appendReplacement(out, "line " + (known ? Integer.toString(lines[inPart - 1]) : matcher.group(1)));
        }
        return matcher.appendTail(out).toString();
    }

    /** Ascending line numbers as ranges, "1-120, 305", cut to what the results table keeps. */
    static String ranges(int[] lines) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            int j = i;
            while (j + 1 < lines.length && lines[j + 1] == lines[j] + 1) {
                j++;
            }
            String range = i == j ? Integer.toString(lines[i]) : lines[i] + "-" + lines[j];
            String separator = text.isEmpty() ? "" : ", ";
            if (text.length() + separator.length() + range.length() > MAX_LINES_TEXT - 4) {
                return text.append(", …").toString();
            }
            text.append(separator).append(range);
            i = j + 1;
        }
        return text.toString();
    }
}
