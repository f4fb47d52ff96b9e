package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.GenericParser;

/**
 * The MLLP server's parser reads only the MSH: the server needs the header to route the message and to address
 * the ACK, while the full parse happens once, in {@link Hl7v2Parser}, inside the ingestion pipeline. Parsing the
 * whole message here as well would double the CPU cost of every message (HAPI parsing is the bottleneck).
 * Failures are re-thrown without HAPI's text, which can quote the start of the message.
 */
final class HeaderOnlyParser extends GenericParser {

    HeaderOnlyParser(HapiContext context) {
        super(context);
    }

    @Override
    public Message parse(String message) throws HL7Exception {
        try {
            return super.parse(Hl7Text.firstSegment(Hl7Text.normalise(message)));
        } catch (HL7Exception e) {
            HL7Exception sanitised = new HL7Exception("the message header could not be read",
                    ca.uhn.hl7v2.ErrorCode.errorCodeFor(e.getErrorCode()));
            sanitised.setLocation(e.getLocation());
            throw sanitised;
        }
    }

    /**
     * ER7 ("VB") for anything whose first segment, read as {@link #parse} reads it, is an MSH. HAPI's server encodes
     * its answer in the encoding it detects in the frame as received, and its detector wants the frame to start with
     * "MSH" and every segment to have the same fourth character: a frame with a byte order mark or a blank line
     * first was stored and answered by the hub, then HAPI failed to encode that answer and had the hub's exception
     * handler ingest the message a second time to answer it (found once HAPI's router errors were logged). It also
     * spares the detector's pass over every segment of every message.
     */
    @Override
    public String getEncoding(String message) {
        int at = message.startsWith("\uFEFF") ? 1 : message.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        while (at < message.length() && Character.isWhitespace(message.charAt(at))) {
            at++;
        }
        return message.startsWith("MSH", at) && message.length() > at + 3 ? "VB" : super.getEncoding(message);
    }

    /**
     * The header HAPI's server would address its own error ACK with, when a frame failed {@link #parse}: read the
     * same way, so it fails again and the hub's exception handler writes the ACK. HAPI's version builds a message
     * outside the hub's context, whose default id generator writes {@code ./id_file} into the working directory.
     */
    @Override
    public Segment getCriticalResponseData(String message) throws HL7Exception {
        return (Segment) parse(message).get("MSH");
    }
}
