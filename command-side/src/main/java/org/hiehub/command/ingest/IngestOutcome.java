package org.hiehub.command.ingest;

import org.hiehub.api.ingestion.QualityAssessment;

/**
 * What became of one inbound message. ACCEPTED and DUPLICATE mean its facts are durably stored (a duplicate was
 * stored the first time, under {@code messageKey}, or as the parts of a background batch: then {@code reason} says
 * which); REJECTED means it is in the dead-letter store under {@code deadLetterId}, or (no id) that
 * it came from a sender the hub does not take messages from or was about a person erased after it was received.
 */
public record IngestOutcome(Status status, String messageKey, String deadLetterId, String reason, String location,
                            int errorCode, boolean structural, int factCount,
                            QualityAssessment quality) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    /** HL7 table 0357 "unknown key identifier": the patient a message names is no longer held. */
    public static final int ERASED_PATIENT = 204;

    public boolean stored() {
        return status != Status.REJECTED;
    }

    /** A duplicate of a body a background batch ingested in parts: no message key of its own. */
    public boolean storedInParts() {
        return status == Status.DUPLICATE && messageKey == null;
    }

    /** As HL7 acknowledges it: AA stored, AR refused as unreadable or not to be taken at all, AE refused otherwise. */
    public String ackCode() {
        return stored() ? "AA" : structural ? "AR" : "AE";
    }

    static IngestOutcome accepted(String key, int facts, QualityAssessment quality) {
        return new IngestOutcome(Status.ACCEPTED, key, null, null, null, 0, false, facts, quality);
    }

    static IngestOutcome duplicate(String key) {
        return new IngestOutcome(Status.DUPLICATE, key, null, null, null, 0, false, 0, null);
    }

    /**
     * A body received before with {@code Prefer: respond-async} and ingested in parts, each a message of its own:
     * a duplicate with no message key of its own; {@code reason} says where its facts went.
     */
    static IngestOutcome receivedInParts(RawMessageStore.BodyCut cut) {
        return new IngestOutcome(Status.DUPLICATE, null, null, "received before (" + cut.cutAt()
                + ") as background batch " + cut.batchId() + " and ingested in " + cut.parts()
                + (cut.parts() == 1 ? " part, a message" : " parts, each a message") + " of its own; nothing new was "
                + "written", null, 0, false, 0, null);
    }

    /** A sender the listener does not take messages from: refused, nothing stored (HL7 error 207, MSH-3). */
    public static IngestOutcome unauthorizedSender(String sender) {
        return new IngestOutcome(Status.REJECTED, null, null, "sending application " + sender
                + " is not authorized on this listener", "MSH-3", 207, true, 0, null);
    }

    /**
     * A message received before its patient's erasure and processed after it (a queued batch): refused and not kept
     * (HL7 AR, error 204 "unknown key identifier"; FHIR 422).
     */
    static IngestOutcome erased(String reason, QualityAssessment quality) {
        return new IngestOutcome(Status.REJECTED, null, null, reason, null, ERASED_PATIENT, true, 0, quality);
    }

    static IngestOutcome rejected(String deadLetterId, RejectedInput cause, QualityAssessment quality) {
        return new IngestOutcome(Status.REJECTED, null, deadLetterId, cause.getMessage(), cause.location(),
                cause.code(), cause.structural(), 0, quality);
    }
}
