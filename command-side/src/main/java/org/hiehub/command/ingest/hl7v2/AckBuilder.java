package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
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
 * cannot read. Errors carry an ERR segment with the table 0357 code, the location (segment^1^field) and the reason,
 * in the sender's version: ERR-2 to ERR-4 from 2.5 on, before that ERR-1 with the reason in MSA-3.
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
            ErrorCode error = errorCode(outcome.errorCode());
            if (beforeVersion25(inbound)) {
                return encodable(withOldErr(inbound.generateACK(code, null), error, outcome.location(),
                        outcome.reason()));
            }
            HL7Exception exception = new HL7Exception(outcome.reason(), error);
            exception.setLocation(Hl7Errors.parse(outcome.location()));
            return encodable(inbound.generateACK(code, exception));
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
        String text = "data quality " + quality.score() + " (" + quality.band() + ")"
                + (findings.isEmpty() ? "" : ": " + findings);
        if (beforeVersion25(inbound)) {
            return withOldErr(inbound.generateACK(AcknowledgmentCode.AA, null), ErrorCode.MESSAGE_ACCEPTED, null,
                    text);
        }
        Message ack = inbound.generateACK(AcknowledgmentCode.AA, new HL7Exception(text, ErrorCode.MESSAGE_ACCEPTED));
        Terser.set((Segment) ack.get("ERR"), 4, 0, 1, 1, "W");
        return ack;
    }

    /**
     * Whether the sender speaks HL7 before 2.5 (MSH-12 as sent; HAPI builds every ACK in the hub's canonical 2.5.1
     * structures). There ERR has one field, ERR-1 (segment ^ sequence ^ field ^ code&amp;text&amp;table), and the
     * reason goes in MSA-3: HAPI's ERR-2 to ERR-4 are fields such a sender's parser does not have.
     */
    private static boolean beforeVersion25(Message inbound) throws HL7Exception {
        return beforeVersion25(Terser.get((Segment) inbound.get("MSH"), 12, 0, 1, 1));
    }

    private static boolean beforeVersion25(String version) {
        return version != null && version.matches("2\\.[34](\\..*)?");
    }

    /** The error of an ACK to a sender before 2.5: MSA-3 (at most its 80 characters) and ERR-1. */
    private static Message withOldErr(Message ack, ErrorCode error, String location, String reason)
            throws HL7Exception {
        Terser.set((Segment) ack.get("MSA"), 3, 0, 1, 1, shortText(reason));
        Segment err = (Segment) ack.get("ERR");
        Location at = Hl7Errors.parse(location);
        if (at != null) {
            Terser.set(err, 1, 0, 1, 1, at.getSegmentName());
            Terser.set(err, 1, 0, 2, 1, "1");
            if (at.getField() > 0) {
                Terser.set(err, 1, 0, 3, 1, String.valueOf(at.getField()));
            }
        }
        Terser.set(err, 1, 0, 4, 1, String.valueOf(error.getCode()));
        Terser.set(err, 1, 0, 4, 2, error.getMessage());
        Terser.set(err, 1, 0, 4, 3, "HL70357");
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

    /**
     * An ACK written by hand, in the standard delimiters whatever the inbound MSH-1/MSH-2 were, echoing MSH-11 and
     * MSH-12 when they can be read (else P and 2.5.1), with the ERR of that version.
     */
    public static String fallback(String inbound, String ackCode, int errorCode, String location, String reason) {
        MshHeader header = MshHeader.of(Hl7Text.normalise(inbound)).orElse(null);
        String controlId = header == null ? null : header.controlId();
        String processing = header == null || header.processingId() == null ? "P" : header.processingId();
        String version = header == null || header.version() == null ? Hl7Contexts.CANONICAL_VERSION
                : header.version();
        boolean old = beforeVersion25(version);
        StringBuilder ack = new StringBuilder(256);
        ack.append("MSH|^~\\&|HIEHUB||").append(escape(header == null ? null : header.sendingApplication()))
                .append('|').append(escape(header == null ? null : header.sendingFacility())).append('|')
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP)).append("||ACK");
        if (header != null && header.triggerEvent() != null) {
            ack.append('^').append(escape(header.triggerEvent())).append("^ACK");
        }
        ack.append('|').append(AckControlIds.next())
                .append('|').append(escape(processing)).append('|').append(escape(version)).append('\r');
        ack.append("MSA|").append(ackCode).append('|').append(escape(controlId));
        if (old && !"AA".equals(ackCode)) {
            ack.append('|').append(escape(shortText(reason)));
        }
        ack.append('\r');
        if (!"AA".equals(ackCode)) {
            ErrorCode code = errorCode(errorCode);
            if (old) {
                ack.append("ERR|").append(oldErrorLocation(location)).append('^').append(code.getCode()).append('&')
                        .append(escape(code.getMessage())).append("&HL70357\r");
            } else {
                ack.append("ERR||").append(errorLocation(location)).append('|').append(code.getCode()).append('^')
                        .append(escape(code.getMessage())).append("^HL70357^^^^^^").append(escape(reason))
                        .append("|E\r");
            }
        }
        return ack.toString();
    }

    /** MSA-3's text: at most 80 characters before 2.5. */
    private static String shortText(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() > 80 ? text.substring(0, 80) : text;
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

    /** ERR-1's first three components before 2.5: segment ^ sequence ^ field, empty ones kept in place. */
    private static String oldErrorLocation(String location) {
        var parsed = Hl7Errors.parse(location);
        if (parsed == null) {
            return "^^";
        }
        return parsed.getSegmentName() + "^1^" + (parsed.getField() > 0 ? parsed.getField() : "");
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
