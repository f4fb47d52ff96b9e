package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.HeldRecords;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.MessageParser;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.hiehub.command.ingest.SenderPatientIds;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * FHIR NDJSON (as in Bulk Data exports): one resource per line, blank lines ignored, LF or CRLF. Lines have no
 * fullUrl, so references resolve by type and id ("Patient/123") to a Patient elsewhere in the same body, or, as a
 * Bulk Data export sends one file per resource type, to a Patient the same sender (X-Hub-Source) sent in an
 * earlier body. The whole body is one message: a line that is not valid FHIR JSON refuses it, naming the line.
 */
@Component
public class FhirNdjsonParser implements MessageParser {

    private final FhirReader reader;
    private final MessageAssembler.EarlierPatients earlier;
    private final MessageAssembler.HeldPatients held;

    /** Lines refer only to Patients in the same body. */
    public FhirNdjsonParser(FhirReader reader) {
        this(reader, MessageAssembler.EarlierPatients.NONE, MessageAssembler.HeldPatients.NONE);
    }

    /**
     * Lines may also refer to a Patient the sender sent in an earlier body, by its id ({@link SenderPatientIds}) or
     * by identifier ({@link HeldRecords}).
     */
    @Autowired
    public FhirNdjsonParser(FhirReader reader, SenderPatientIds earlier, HeldRecords held) {
        this(reader, earlier::localId, held::holds);
    }

    private FhirNdjsonParser(FhirReader reader, MessageAssembler.EarlierPatients earlier,
                             MessageAssembler.HeldPatients held) {
        this.reader = reader;
        this.earlier = earlier;
        this.held = held;
    }

    @Override
    public MessageFormat format() {
        return MessageFormat.FHIR_NDJSON;
    }

    /** NDJSON carries no control id: its key is its content. */
    @Override
    public String controlIdLocation() {
        return null;
    }

    @Override
    public ParsedMessage parse(InboundMessage message) throws RejectedInput {
        MessageAssembler.Assembled assembled = assemble(message);
        OutlineCapture.offer(assembled.outline());
        return assembled.message();
    }

    MessageAssembler.Assembled assemble(InboundMessage message) throws RejectedInput {
        List<FhirEntry> entries = new ArrayList<>();
        for (Line line : lines(FhirReader.text(message.payload()))) {
            entries.add(line.entry(resource(line.text(), line.number())));
        }
        if (entries.isEmpty()) {
            throw RejectedInput.unparseable("the body holds no resources (one FHIR JSON resource per line expected)");
        }
        return MessageAssembler.assemble(entries, FhirSender.declared(message), null, "ndjson", null, earlier, held);
    }

    /** One non-blank line of a body: its number as sent (blank lines counted) and its text, stripped. */
    record Line(int number, String text) {

        FhirEntry entry(Resource resource) {
            return new FhirEntry(null, resource, null, "line " + number);
        }
    }

    /** The body's non-blank lines; LF or CRLF. */
    static List<Line> lines(String body) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('\n', start);
            String line = body.substring(start, end < 0 ? body.length() : end);
            number++;
            if (!line.isBlank()) {
                lines.add(new Line(number, line.strip()));
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return lines;
    }

    /**
     * The resources of a body placed as a FHIR batch would place them: each alone, one that cannot be placed (its
     * patient not found) refused alone in the outline instead of refusing the body. Throws only when none can be.
     */
    EntryOutline outlineAsBatch(List<FhirEntry> entries, String peer) throws RejectedInput {
        return MessageAssembler.assemble(entries, FhirSender.declared(peer), "batch", "ndjson", null, earlier, held)
                .outline();
    }

    Resource resource(String line, int lineNumber) throws RejectedInput {
        String where = "line " + lineNumber;
        IBaseResource parsed;
        try {
            parsed = reader.read(line);
        } catch (DataFormatException e) {
            RejectedInput cause = FhirReader.rejection(e, where);
            // Each line is its own JSON document: its "line 1" is the body's line N, so only the column is news.
            String reason = cause.getMessage().replace("at line 1, column", "at column");
            throw new RejectedInput(where + ": " + reason, where, cause.code(), cause.structural());
        } catch (RuntimeException e) {
            throw new RejectedInput(where + ": not a readable FHIR R4 JSON resource (" + e.getClass().getSimpleName()
                    + ")", where, 102, true);
        }
        if (!(parsed instanceof Resource resource)) {
            throw new RejectedInput(where + ": not a FHIR R4 resource", where, 102, true);
        }
        return resource;
    }
}
