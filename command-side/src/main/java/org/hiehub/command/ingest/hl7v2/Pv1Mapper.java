package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.firstNonNull;
import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.model.v251.datatype.PL;
import ca.uhn.hl7v2.model.v251.segment.EVN;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.PV2;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.DischargeCancelled;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterEnded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.EncounterTransferred;
import org.hiehub.api.clinical.TransferCancelled;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.RejectedInput;

/**
 * PV1 → encounter facts. The visit number (PV1-19) is the encounter's id at the source, which is how the
 * discharge (A03) later names the admission (A01) it ends.
 */
final class Pv1Mapper {

    private Pv1Mapper() {
    }

    /** The source's id of the visit: PV1-19, else the alternate visit id PV1-50; null when neither is sent. */
    static String encounterId(PV1 pv1) {
        return firstNonNull(text(pv1.getVisitNumber().getIDNumber()), text(pv1.getAlternateVisitID().getIDNumber()));
    }

    static boolean isEmpty(PV1 pv1) {
        return text(pv1.getPatientClass()) == null && encounterId(pv1) == null
                && text(pv1.getAdmitDateTime().getTime()) == null;
    }

    static FactDraft started(PV1 pv1, PV2 pv2) throws RejectedInput {
        String id = encounterId(pv1);
        String patientClass = encounterClass(text(pv1.getPatientClass()));
        String admissionType = text(pv1.getAdmissionType());
        Concept type = admissionType == null ? null : Concept.of("HL70007", admissionType, null);
        ClinicalTime start = Hl7Dates.time(text(pv1.getAdmitDateTime().getTime()), "PV1-44");
        ClinicalTime end = Hl7Dates.time(text(pv1.getDischargeDateTime(0).getTime()), "PV1-45");
        String location = location(pv1.getAssignedPatientLocation());
        Concept reason = pv2 == null ? null : Hl7Values.concept(pv2.getAdmitReason());
        String admitSource = text(pv1.getAdmitSource());
        String status = end != null ? "finished" : "in-progress";
        return (record, key, factId) -> new EncounterStarted(record, factId, key, id, patientClass, type, status,
                start, end, location, reason, admitSource);
    }

    static FactDraft ended(PV1 pv1, EVN evn) throws RejectedInput {
        String id = encounterId(pv1);
        ClinicalTime end = Hl7Dates.time(text(pv1.getDischargeDateTime(0).getTime()), "PV1-45");
        if (end == null && evn != null) {
            end = firstNonNullTime(Hl7Dates.time(text(evn.getEventOccurred().getTime()), "EVN-6"),
                    Hl7Dates.time(text(evn.getRecordedDateTime().getTime()), "EVN-2"));
        }
        ClinicalTime ended = end;
        String disposition = text(pv1.getDischargeDisposition());
        return (record, key, factId) -> new EncounterEnded(record, factId, key, id, ended, disposition);
    }

    /**
     * A cancellation of the visit PV1-19 names: A11 (the admission, {@code discharge} false) or A13 (the
     * discharge). Timed by EVN-6, else EVN-2. A visit the message does not name cannot be cancelled: refused.
     */
    static FactDraft cancelled(PV1 pv1, EVN evn, boolean discharge) throws RejectedInput {
        String id = encounterId(pv1);
        if (id == null) {
            throw RejectedInput.invalid("PV1-19 visit number is missing: a cancellation must name the visit it "
                    + "cancels", "PV1-19", 101);
        }
        ClinicalTime at = eventTime(evn);
        return discharge ? (record, key, factId) -> new DischargeCancelled(record, factId, key, id, at)
                : (record, key, factId) -> new EncounterCancelled(record, factId, key, id, at);
    }

    /**
     * A transfer (A02: to PV1-3, from PV1-6) or its cancellation (A12: back at PV1-3) of the visit PV1-19 names;
     * empty when the message names no visit, which leaves nothing to move.
     */
    static Optional<FactDraft> moved(PV1 pv1, EVN evn, boolean cancelled) throws RejectedInput {
        String id = encounterId(pv1);
        if (id == null) {
            return Optional.empty();
        }
        ClinicalTime at = eventTime(evn);
        String location = location(pv1.getAssignedPatientLocation());
        String prior = location(pv1.getPriorPatientLocation());
        return Optional.of(cancelled
                ? (record, key, factId) -> new TransferCancelled(record, factId, key, id, location, at)
                : (record, key, factId) -> new EncounterTransferred(record, factId, key, id, location, prior, at));
    }

    /** When the event happened at the source: EVN-6, else EVN-2; null without either. */
    private static ClinicalTime eventTime(EVN evn) throws RejectedInput {
        return evn == null ? null : firstNonNullTime(Hl7Dates.time(text(evn.getEventOccurred().getTime()), "EVN-6"),
                Hl7Dates.time(text(evn.getRecordedDateTime().getTime()), "EVN-2"));
    }

    /** HL7 table 0004 patient class in FHIR encounter-class words; unknown codes stay as sent. */
    static String encounterClass(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "I" -> "inpatient";
            case "O" -> "outpatient";
            case "E" -> "emergency";
            case "P" -> "preadmission";
            case "R" -> "recurring";
            case "B" -> "obstetrics";
            default -> code;
        };
    }

    /** Point of care, room, bed and facility as sent, joined by "^" like the wire format. */
    static String location(PL pl) {
        List<String> parts = new ArrayList<>();
        parts.add(text(pl.getPointOfCare()));
        parts.add(text(pl.getRoom()));
        parts.add(text(pl.getBed()));
        parts.add(Hl7Values.hd(pl.getFacility()));
        while (!parts.isEmpty() && parts.get(parts.size() - 1) == null) {
            parts.remove(parts.size() - 1);
        }
        if (parts.isEmpty()) {
            return null;
        }
        return String.join("^", parts.stream().map(p -> Objects.requireNonNullElse(p, "")).toList());
    }

    private static ClinicalTime firstNonNullTime(ClinicalTime a, ClinicalTime b) {
        return a != null ? a : b;
    }
}
