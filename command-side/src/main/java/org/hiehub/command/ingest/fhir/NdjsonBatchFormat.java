package org.hiehub.command.ingest.fhir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.RejectedInput;
import org.hiehub.command.ingest.batch.BatchFormat;
import org.hiehub.command.ingest.batch.BatchPart;
import org.hiehub.command.ingest.fhir.FhirNdjsonParser.Line;
import org.springframework.stereotype.Component;

/**
 * An NDJSON body sent with {@code Prefer: respond-async} is ingested in parts, each an NDJSON message of its own
 * (a transaction: all or nothing), so a Bulk Data file of a million lines shows its progress, is not one unit of
 * work, and a line the hub cannot take costs only its own part. A part holds whole patients: a Patient line with
 * every line whose subject it is (references inside a part resolve as they would in the whole body), lines that
 * became no facts (an Organization) with the patient before them, until the part has at least
 * {@code hub.ingest.batches.ndjson-part-lines} lines. Lines that cannot be read, or whose patient is found nowhere,
 * go together into the last part(s), which are refused with the first one's reason into the dead-letter store.
 * A body of at most that many lines is one part: the same message as sent synchronously. A body cut into parts is
 * remembered, and one stored whole before is not cut (see {@link BatchFormat#sentAlone}).
 */
@Component
public class NdjsonBatchFormat implements BatchFormat {

    private static final Comparator<Line> BY_NUMBER = Comparator.comparingInt(Line::number);
    private final FhirNdjsonParser parser;
    private final int partLines;

    public NdjsonBatchFormat(FhirNdjsonParser parser, IngestionProperties properties) {
        this.parser = parser;
        this.partLines = properties.batches().ndjsonPartLines();
    }

    @Override
    public MessageFormat format() {
        return MessageFormat.FHIR_NDJSON;
    }

    @Override
    public Optional<BatchPart> sentAlone(byte[] payload) {
        return Optional.of(whole(payload));
    }

    @Override
    public List<BatchPart> parts(byte[] payload, String peer) {
        List<Line> lines = FhirNdjsonParser.lines(FhirReader.text(payload));
        if (lines.size() <= partLines) {
            return List.of(whole(payload));
        }
        List<FhirEntry> entries = new ArrayList<>();
        List<Line> readable = new ArrayList<>();
        List<Line> refused = new ArrayList<>();
        for (Line line : lines) {
            try {
                entries.add(line.entry(parser.resource(line.text(), line.number())));
                readable.add(line);
            } catch (RejectedInput unreadable) {
                refused.add(line);
            }
        }
        EntryOutline outline;
        try {
            outline = parser.outlineAsBatch(entries, peer);
        } catch (RejectedInput nothingPlaced) {
            return List.of(whole(payload)); // refused whole, as it would be sent synchronously
        }
        List<BatchPart> parts = new ArrayList<>(pack(byPatient(readable, outline.lines(), refused)));
        parts.addAll(pack(refused.stream().sorted(BY_NUMBER).map(List::of).toList()));
        return parts;
    }

    @Override
    public Optional<List<BatchPart>> partsAsCut(byte[] payload, List<int[]> partLines) {
        Map<Integer, Line> byNumber = new HashMap<>();
        FhirNdjsonParser.lines(FhirReader.text(payload)).forEach(line -> byNumber.put(line.number(), line));
        List<BatchPart> parts = new ArrayList<>(partLines.size());
        for (int[] numbers : partLines) {
            List<Line> lines = Arrays.stream(numbers).mapToObj(byNumber::get).toList();
            if (lines.isEmpty() || lines.contains(null)) {
                return Optional.empty();
            }
            parts.add(part(lines));
        }
        return Optional.of(parts);
    }

    /**
     * The body as one message, byte for byte (a byte order mark included): the message it is when sent alone, known
     * by the hash of these bytes, so either way of sending it meets the other as a duplicate.
     */
    private static BatchPart whole(byte[] payload) {
        return new BatchPart(new String(payload, StandardCharsets.UTF_8), null, null);
    }

    /**
     * Lines by the record their facts went to, in order of each record's first line; a line that became no facts
     * joins the group of the line before it (or stands alone); a line refused in the outline goes to {@code refused}.
     */
    private static List<List<Line>> byPatient(List<Line> readable, List<EntryOutline.Line> outline,
                                              List<Line> refused) {
        Map<Object, List<Line>> groups = new LinkedHashMap<>();
        List<Line> current = null;
        for (int i = 0; i < readable.size(); i++) {
            EntryOutline.Line line = outline.get(i);
            Line numbered = readable.get(i);
            if (line.refusal() != null) {
                refused.add(numbered);
            } else if (line.owner() != null) {
                current = groups.computeIfAbsent(line.owner(), owner -> new ArrayList<>());
                current.add(numbered);
            } else if (current != null) {
                current.add(numbered);
            } else {
                groups.put(numbered, new ArrayList<>(List.of(numbered)));
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** Whole groups into parts of at least {@code partLines} lines, each part's lines in the body's order. */
    private List<BatchPart> pack(List<List<Line>> groups) {
        List<BatchPart> parts = new ArrayList<>();
        List<Line> part = new ArrayList<>();
        for (List<Line> group : groups) {
            part.addAll(group);
            if (part.size() >= partLines) {
                parts.add(part(part));
                part = new ArrayList<>();
            }
        }
        if (!part.isEmpty()) {
            parts.add(part(part));
        }
        return parts;
    }

    private static BatchPart part(List<Line> lines) {
        Line[] ordered = lines.toArray(Line[]::new);
        Arrays.sort(ordered, BY_NUMBER);
        String text = Arrays.stream(ordered).map(Line::text).collect(Collectors.joining("\n"));
        return new BatchPart(text, null, Arrays.stream(ordered).mapToInt(Line::number).toArray());
    }
}
