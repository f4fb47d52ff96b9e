package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.MetadataKeys;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationExceptionHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.CorrelationId;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the MLLP server does with each frame: hand the raw bytes to the ingestion pipeline and answer with the
 * ACK of its outcome. {@link IngestionService#ingest} returns only after the transaction has committed, so an AA
 * is never sent for facts that are not durably stored. Frames whose MSH HAPI cannot read arrive at the exception
 * handler instead; they go through the same pipeline, which parks them as dead letters, and get a fallback ACK.
 */
final class IngestingApplication implements ReceivingApplication<Message>, ReceivingApplicationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestingApplication.class);
    private final IngestionService ingestion;
    private final AckBuilder acks;
    private final SenderAllowlist senders;

    IngestingApplication(IngestionService ingestion, AckBuilder acks, SenderAllowlist senders) {
        this.ingestion = ingestion;
        this.acks = acks;
        this.senders = senders;
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }

    @Override
    public Message processMessage(Message header, Map<String, Object> metadata) throws HL7Exception {
        String raw = (String) metadata.get(MetadataKeys.IN_RAW_MESSAGE);
        IngestOutcome outcome = ingest(raw, metadata);
        try {
            Message ack = acks.ack(header, outcome);
            // HAPI encodes the answer after this returns and, if that fails, sends nothing at all: the sender would
            // wait, time out and send again a message already stored. Fail here instead, where there is a fallback.
            ack.encode();
            return ack;
        } catch (HL7Exception | RuntimeException e) {
            // the outcome stands (facts stored or dead-lettered); only HAPI's ACK failed, so send the hand-built one
            log.warn("HAPI could not build the ACK ({}); sending a hand-built one", e.getClass().getSimpleName());
            return header.getParser().parse(AckBuilder.fallback(raw, AckBuilder.code(outcome).name(),
                    outcome.errorCode(), outcome.location(), outcome.reason()));
        }
    }

    @Override
    public String processException(String incoming, Map<String, Object> metadata, String outgoing, Exception e) {
        IngestOutcome outcome = ingest(incoming, metadata);
        return acks.ackText(incoming == null ? "" : incoming, outcome);
    }

    private IngestOutcome ingest(String raw, Map<String, Object> metadata) {
        String previous = MDC.get(CorrelationId.KEY);
        MDC.put(CorrelationId.KEY, CorrelationId.forHl7(raw));
        try {
            return ingestCorrelated(raw, metadata);
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationId.KEY);
            } else {
                MDC.put(CorrelationId.KEY, previous);
            }
        }
    }

    private IngestOutcome ingestCorrelated(String raw, Map<String, Object> metadata) {
        MshHeader msh = raw == null ? null : MshHeader.of(Hl7Text.normalise(raw)).orElse(null);
        if (!senders.allowsAnyone() && (msh == null
                || !senders.allows(msh.sendingApplication(), msh.sendingFacility()))) {
            // Refused before anything is stored: an unknown party's payload is not the hub's to keep.
            String sender = msh == null ? "an unreadable MSH" : msh.sendingApplication() + "^" + msh.sendingFacility();
            log.warn("MLLP refused a message from {} at {}: not an allowed sender", sender,
                    metadata.get(MetadataKeys.IN_SENDING_IP));
            return IngestOutcome.unauthorizedSender(sender);
        }
        // the LLP decoded the frame as ISO-8859-1, byte for byte, so this is exactly what was on the wire
        byte[] payload = raw == null ? new byte[0] : raw.getBytes(StandardCharsets.ISO_8859_1);
        String peer = metadata.get(MetadataKeys.IN_SENDING_IP) + ":" + metadata.get(MetadataKeys.IN_SENDING_PORT);
        IngestOutcome outcome = ingestion.ingest(new InboundMessage(MessageFormat.HL7V2, "mllp", peer, payload,
                Instant.now()));
        if (!outcome.stored()) {
            log.debug("MLLP message rejected to dead letter {} (code {})", outcome.deadLetterId(),
                    outcome.errorCode());
        }
        return outcome;
    }
}
