package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.firstNonNull;
import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.VXU_V04;
import ca.uhn.hl7v2.model.v251.segment.NTE;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.RXA;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.ParsedMessage.PatientPart;
import org.hiehub.command.ingest.RejectedInput;

/**
 * VXU^V04 (an immunization record, as EHRs send it to registries; CDC Implementation Guide for Immunization
 * Messaging 2.5.1) → one ImmunizationRecorded per RXA, and one ObservationRecorded per OBX (funding source and
 * eligibility, the information statement given…) with its RXA as context: the vaccine as order code, the
 * administration time as observation time when the OBX has none, ORC-3 (else ORC-2) as order id. The PID only
 * identifies the patient, as in a result.
 */
final class VxuMapper {

    private VxuMapper() {
    }

    static PatientPart map(VXU_V04 message, String fallbackAuthority) throws RejectedInput, HL7Exception {
        PidMapper.Patient patient = null;
        String encounterId = null;
        String orderId = null;
        OruMapper.OrderContext context = null;
        PendingObservation last = null;
        List<Supplier<FactDraft>> facts = new ArrayList<>();
        for (Segment segment : Segments.inOrder(message)) {
            if (segment instanceof PID pid) {
                if (patient != null) {
                    throw new RejectedInput("a VXU names one patient; this one has a second PID", "PID", 100, false);
                }
                patient = PidMapper.map(pid, fallbackAuthority);
            } else if (segment instanceof PV1 pv1) {
                encounterId = Pv1Mapper.encounterId(pv1);
            } else if (segment instanceof ORC orc) {
                orderId = firstNonNull(Hl7Values.ei(orc.getFillerOrderNumber()),
                        Hl7Values.ei(orc.getPlacerOrderNumber()));
                context = null;
                last = null;
            } else if (segment instanceof RXA rxa) {
                Administration given = Administration.of(rxa);
                FactDraft immunization = given.immunization(encounterId);
                facts.add(() -> immunization);
                context = new OruMapper.OrderContext(orderId, given.vaccine(), given.time(), null, null);
                last = null;
            } else if (segment instanceof OBX obx) {
                PendingObservation observation = PendingObservation.of(obx, context, encounterId);
                facts.add(observation::draft);
                last = observation;
            } else if (segment instanceof NTE nte && last != null) {
                last.addNote(OruMapper.noteText(nte));
            } else if (!"NTE".equals(segment.getName())) {
                last = null;
            }
        }
        if (patient == null) {
            throw RejectedInput.invalid("PID segment is missing", "PID", 100);
        }
        return new PatientPart(patient.assigningAuthority(), patient.localId(), patient.demographics(),
                facts.stream().map(Supplier::get).toList(), true);
    }

    /** An RXA: the vaccine given (or refused, not given, or deleted), as FHIR's Immunization would have it. */
    private record Administration(Concept vaccine, ClinicalTime time, String status, String lot) {

        static Administration of(RXA rxa) throws RejectedInput {
            Concept vaccine = Hl7Values.concept(rxa.getAdministeredCode());
            if (vaccine == null) {
                throw RejectedInput.invalid("RXA-5 administered code is missing: the vaccine is not named", "RXA-5",
                        101);
            }
            return new Administration(vaccine,
                    Hl7Dates.time(text(rxa.getDateTimeStartOfAdministration().getTime()), "RXA-3"),
                    VxuMapper.status(text(rxa.getCompletionStatus()), text(rxa.getActionCodeRXA())),
                    rxa.getSubstanceLotNumberReps() == 0 ? null : text(rxa.getSubstanceLotNumber(0)));
        }

        FactDraft immunization(String encounterId) {
            return (record, key, factId) -> new ImmunizationRecorded(record, factId, key, vaccine, status, time, lot,
                    encounterId);
        }
    }

    /**
     * RXA-21 action code D (the sender deletes an earlier record) → entered-in-error; else RXA-20 completion status
     * (HL7 table 0322): complete or partially administered → completed, refused or not administered → not-done.
     * An unknown code stays as sent; none means complete (the guide's default).
     */
    static String status(String completion, String action) {
        if (action != null && "D".equalsIgnoreCase(action)) {
            return "entered-in-error";
        }
        if (completion == null) {
            return "completed";
        }
        return switch (completion.toUpperCase(Locale.ROOT)) {
            case "CP", "PA" -> "completed";
            case "RE", "NA" -> "not-done";
            default -> completion;
        };
    }
}
