package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.model.v251.segment.AL1;
import ca.uhn.hl7v2.model.v251.segment.DG1;
import ca.uhn.hl7v2.model.v251.segment.EVN;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.ParsedMessage.PatientPart;
import org.hiehub.command.ingest.RejectedInput;

/**
 * ADT → the source record's demographics and identifiers, plus what the event says about the visit: an admission
 * (A01) or registration (A04) starts an encounter, a discharge (A03) ends it, a transfer (A02) moves it, and
 * their cancellations (A11, A13, A12) withdraw what those said; updates (A08, A28, A31) and the visit events the
 * hub does not map (a pending admission, a leave of absence…) only restate the patient. Diagnoses (DG1) and
 * allergies (AL1) sent along are recorded whatever the event, except with a cancellation of an admission or
 * discharge.
 */
final class AdtMapper {

    private AdtMapper() {
    }

    /**
     * A01, A04, A08, A28, A31 and the other visit events: read into the ADT_A01 structure, whose PID, PV1, DG1 and
     * AL1 they all share (segments it does not know, an A06's MRG, are kept aside by HAPI).
     */
    static PatientPart admitOrUpdate(ADT_A01 adt, String trigger, Optional<FactDraft> movement,
                                     String fallbackAuthority) throws RejectedInput, HL7Exception {
        PidMapper.Patient patient = patient(adt.getPID().isEmpty(), () -> PidMapper.map(adt.getPID(),
                fallbackAuthority));
        List<FactDraft> facts = new ArrayList<>();
        PV1 pv1 = adt.getPV1();
        boolean startsVisit = "A01".equals(trigger) || "A04".equals(trigger);
        if (startsVisit && !Pv1Mapper.isEmpty(pv1)) {
            facts.add(Pv1Mapper.started(pv1, adt.getPV2()));
        }
        movement.ifPresent(facts::add);
        String encounterId = Pv1Mapper.encounterId(pv1);
        addDiagnosesAndAllergies(adt, encounterId, facts);
        return part(patient, facts);
    }

    static PatientPart discharge(ADT_A03 adt, String fallbackAuthority) throws RejectedInput, HL7Exception {
        PidMapper.Patient patient = patient(adt.getPID().isEmpty(), () -> PidMapper.map(adt.getPID(),
                fallbackAuthority));
        List<FactDraft> facts = new ArrayList<>();
        if (adt.getPV1().isEmpty()) {
            throw RejectedInput.invalid("PV1 segment is missing: a discharge must name the visit", "PV1", 100);
        }
        facts.add(Pv1Mapper.ended(adt.getPV1(), adt.getEVN()));
        addDiagnosesAndAllergies(adt, Pv1Mapper.encounterId(adt.getPV1()), facts);
        return part(patient, facts);
    }

    /**
     * The move a transfer (A02) or its cancellation (A12) makes of the visit its PV1 names; empty for other events
     * and for one naming no visit (then the event is kept, not mapped).
     */
    static Optional<FactDraft> movement(ADT_A01 adt, String trigger) throws RejectedInput {
        boolean moves = "A02".equals(trigger) || "A12".equals(trigger);
        return moves ? Pv1Mapper.moved(adt.getPV1(), adt.getEVN(), "A12".equals(trigger)) : Optional.empty();
    }

    /**
     * A11 (cancel admit / visit notification, read into ADT_A09) or A13 (cancel discharge, ADT_A01): the
     * cancellation of the visit PV1 names. The PID identifies the record as an A03's does; diagnoses sent along with
     * a withdrawn visit are not recorded.
     */
    static PatientPart cancellation(PID pid, PV1 pv1, EVN evn, boolean discharge, String fallbackAuthority)
            throws RejectedInput, HL7Exception {
        PidMapper.Patient patient = patient(pid.isEmpty(), () -> PidMapper.map(pid, fallbackAuthority));
        if (pv1.isEmpty()) {
            throw RejectedInput.invalid("PV1 segment is missing: a cancellation must name the visit", "PV1", 100);
        }
        return part(patient, List.of(Pv1Mapper.cancelled(pv1, evn, discharge)));
    }

    /**
     * In message order, wherever HAPI put them: the v2.5.1 ADT structures expect AL1 before DG1, and a DG1 sent
     * first pushes the AL1 out of its typed slot.
     */
    private static void addDiagnosesAndAllergies(Group adt, String encounterId, List<FactDraft> facts)
            throws RejectedInput, HL7Exception {
        for (Segment segment : Segments.inOrder(adt)) {
            FactDraft draft = null;
            if (segment instanceof DG1 dg1) {
                draft = ProblemAndAllergyMapper.diagnosis(dg1, encounterId);
            } else if (segment instanceof AL1 al1) {
                draft = ProblemAndAllergyMapper.allergy(al1);
            }
            if (draft != null) {
                facts.add(draft);
            }
        }
    }

    private static PidMapper.Patient patient(boolean missing, PatientReader reader) throws RejectedInput {
        if (missing) {
            throw RejectedInput.invalid("PID segment is missing", "PID", 100);
        }
        return reader.read();
    }

    private static PatientPart part(PidMapper.Patient patient, List<FactDraft> facts) {
        return new PatientPart(patient.assigningAuthority(), patient.localId(), patient.demographics(), facts);
    }

    @FunctionalInterface
    private interface PatientReader {
        PidMapper.Patient read() throws RejectedInput;
    }
}
