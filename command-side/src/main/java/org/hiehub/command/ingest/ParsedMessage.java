package org.hiehub.command.ingest;

import java.util.List;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.SourceRecordId;

/**
 * What a parser understood of one message: who sent it, its type and control id, and per patient the
 * demographics and clinical facts. Facts are drafts until the pipeline knows the source record's id and the
 * message key. {@code merges}: the source merged two of its own records (HL7 ADT^A40).
 */
public record ParsedMessage(String sourceSystem, String messageType, String controlId, String version,
                            List<PatientPart> patients, List<SourceMerge> merges, List<Unsupported> unsupported) {

    public ParsedMessage {
        patients = patients == null ? List.of() : List.copyOf(patients);
        merges = merges == null ? List.of() : List.copyOf(merges);
        unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
    }

    public int factCount() {
        return patients.stream().mapToInt(p -> p.facts().size()).sum();
    }

    /**
     * One patient's part of the message. {@code assigningAuthority} + {@code localId} identify the source record
     * (HL7 PID-3 CX-4/CX-1; FHIR Patient.identifier or the sender plus Patient.id). {@code identifiesOnly}: the
     * message's demographics only identify the patient (an HL7 result's PID), so what they leave out is no
     * removal, and when they state nothing the hub does not already hold there is no demographics update; an ADT
     * or a FHIR Patient is the source's statement of the demographics and replaces what it held.
     * {@code demographics} null: the message has facts only, for a record the sender sent before (NDJSON lines
     * referring to a Patient of an earlier file). {@code senderPatientId}: the id the sender's FHIR server gives
     * this patient, remembered so later messages of the sender can refer to it.
     */
    public record PatientPart(String assigningAuthority, String localId, Demographics demographics,
                              List<FactDraft> facts, boolean identifiesOnly, String senderPatientId) {
        public PatientPart {
            facts = facts == null ? List.of() : List.copyOf(facts);
        }

        public PatientPart(String assigningAuthority, String localId, Demographics demographics,
                           List<FactDraft> facts, boolean identifiesOnly) {
            this(assigningAuthority, localId, demographics, facts, identifiesOnly, null);
        }

        public PatientPart(String assigningAuthority, String localId, Demographics demographics,
                           List<FactDraft> facts) {
            this(assigningAuthority, localId, demographics, facts, false, null);
        }

        /** Facts for a record the hub already holds, without a word on the patient's demographics. */
        public boolean factsOnly() {
            return demographics == null;
        }
    }

    /** A fact waiting for its ids. */
    @FunctionalInterface
    public interface FactDraft {
        ClinicalEvent bind(SourceRecordId sourceRecordId, String messageKey, String factId);
    }

    /** The source says {@code retiredLocalId} is the same patient as {@code survivingLocalId}. */
    public record SourceMerge(String assigningAuthority, String survivingLocalId, String retiredLocalId) {
    }

    /** Content the hub keeps but does not map, e.g. a FHIR resource type it has no mapper for. */
    public record Unsupported(String contentType, int count, String note) {
    }
}
