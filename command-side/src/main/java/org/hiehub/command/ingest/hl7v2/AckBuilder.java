package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.quality.QualityScorer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The HL7 acknowledgement of an ingestion outcome: AA once the message's facts are stored (or were stored before:
 * a re-send is acknowledged again as before), AE for a readable message with wrong content, AR for one the hub
 * cannot read. Errors carry an ERR segment with the table 0357 code, the location (segment^1^field) and the reason.
 * HAPI builds the ACK when it can read the MSH; for input it cannot read at all the ACK is written by hand, with
 * MSA-2 set to MSH-10 if that much can be recovered, so the sender is never left waiting.
 */
@Component
public class AckBuilder implements DisposableBean {

    /** Findings named in a warning ERR; the rest are in the quality view. */
    private static final int MAX_FINDINGS = 10;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "hl7v2-ack-context");
        thread.setDaemon(true);
        return thread;
    });
    private final HapiContext context = Hl7Contexts.canonical(executor);

    public static AcknowledgmentCode code(IngestOutcome outcome) {
        return AcknowledgmentCode.valueOf(outcome.ackCode());
    }

    /** The ACK to a message HAPI has read (at least its MSH). */
    public Message ack(Message inbound, IngestOutcome outcome) throws HL7Exception {
        AcknowledgmentCode code = code(outcome);
        try {
            if (code == AcknowledgmentCode.AA) {
                QualityAssessment quality = outcome.quality();
                if (outcome.status() == IngestOutcome.Status.ACCEPTED && quality != null
                        && !QualityScorer.ACCEPT.equals(quality.band())) {
                    return encodable(warned(inbound, quality));
                }
                return encodable(inbound.generateACK());
            }
            HL7Exception error = new HL7Exception(outcome.reason(), errorCode(outcome.errorCode()));
            error.setLocation(Hl7Errors.parse(outcome.location()));
            return encodable(inbound.generateACK(code, error));
        } catch (java.io.IOException e) {
            throw new HL7Exception("the ACK could not be built", e);
        }
    }

    /**
     * An AA for a message stored in a warning band (accepted with warnings, flagged for review): an ERR of
     * severity W (2.5 and later; before, MSA-3 and ERR-1 carry the text) with the score and its findings, which
     * never quote values, so the sender hears of what it should fix without being refused.
     */
    private static Message warned(Message inbound, QualityAssessment quality) throws HL7Exception, java.io.IOException {
        String findings = quality.findings().stream().limit(MAX_FINDINGS).collect(Collectors.joining("; "));
        HL7Exception warning = new HL7Exception("data quality " + quality.score() + " (" + quality.band() + ")"
                + (findings.isEmpty() ? "" : ": " + findings), ErrorCode.MESSAGE_ACCEPTED);
        Message ack = inbound.generateACK(AcknowledgmentCode.AA, warning);
        if (!Version.V25.isGreaterThan(Version.versionOf(ack.getVersion()))) {
            Terser.set((Segment) ack.get("ERR"), 4, 0, 1, 1, "W");
        }
        return ack;
    }

    /**
     * HL7 2.7 added a fifth encoding character (truncation, {@code ^~\\&#}) and senders of 2.7 and 2.8 send it in
     * MSH-2; HAPI reads such a message but copies MSH-2 into the ACK and then refuses to encode it ("must be 4
     * characters"), so the message was stored and never acknowledged. The ACK keeps the sender's first four.
     */
    private static Message encodable(Message ack) throws HL7Exception {
        Primitive encodingCharacters = (Primitive) ((Segment) ack.get("MSH")).getField(2, 0);
        String sent = encodingCharacters.getValue();
        if (sent != null && sent.length() > 4) {
            encodingCharacters.setValue(sent.substring(0, 4));
        }
        return ack;
    }

    /** The ACK as ER7 text to any input, readable or not. */
    public String ackText(String inbound, IngestOutcome outcome) {
        String normalised = Hl7Text.normalise(inbound);
        try {
            Message header = context.getPipeParser().parse(Hl7Text.firstSegment(normalised));
            Message ack = ack(header, outcome);
            return ack.encode();
        } catch (HL7Exception | RuntimeException e) {
            return fallback(normalised, code(outcome).name(), outcome.errorCode(), outcome.location(),
                    outcome.reason());
        }
    }

    /** An ACK written by hand, in the standard delimiters whatever the inbound MSH-1/MSH-2 were. */
    public static String fallback(String inbound, String ackCode, int errorCode, String location, String reason) {
        MshHeader header = MshHeader.of(Hl7Text.normalise(inbound)).orElse(null);
        String controlId = header == null ? null : header.controlId();
        StringBuilder ack = new StringBuilder(256);
        ack.append("MSH|^~\\&|HIEHUB||").append(escape(header == null ? null : header.sendingApplication()))
                .append('|').append(escape(header == null ? null : header.sendingFacility())).append('|')
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP)).append("||ACK");
        if (header != null && header.triggerEvent() != null) {
            ack.append('^').append(escape(header.triggerEvent())).append("^ACK");
        }
        ack.append('|').append(AckControlIds.next())
                .append("|P|").append(Hl7Contexts.CANONICAL_VERSION).append('\r');
        ack.append("MSA|").append(ackCode).append('|').append(escape(controlId)).append('\r');
        if (!"AA".equals(ackCode)) {
            ErrorCode code = errorCode(errorCode);
            ack.append("ERR||").append(errorLocation(location)).append('|').append(code.getCode()).append('^')
                    .append(escape(code.getMessage())).append("^HL70357^^^^^^").append(escape(reason))
                    .append("|E\r");
        }
        return ack.toString();
    }

    private static ErrorCode errorCode(int code) {
        return ErrorCode.errorCodeFor(code == 0 ? ErrorCode.APPLICATION_INTERNAL_ERROR.getCode() : code);
    }

    /** ERR-2 (ERL): segment ^ sequence ^ field. */
    private static String errorLocation(String location) {
        var parsed = Hl7Errors.parse(location);
        if (parsed == null) {
            return "";
        }
        return parsed.getSegmentName() + "^1" + (parsed.getField() > 0 ? "^" + parsed.getField() : "");
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '&' -> out.append("\\T\\");
                case '~' -> out.append("\\R\\");
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
