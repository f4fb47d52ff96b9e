package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.firstNonNull;
import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.message.VXU_V04;
import ca.uhn.hl7v2.model.v251.segment.NTE;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.RXA;
import ca.uhn.hl7v2.model.v251.segment.RXR;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.ParsedMessage.PatientPart;
import org.hiehub.command.ingest.RejectedInput;

/**
 * VXU^V04 (an immunization record, as EHRs send it to registries; CDC Implementation Guide for Immunization
 * Messaging 2.5.1) → one ImmunizationRecorded per RXA (with the route and site of its RXR), and one
 * ObservationRecorded per OBX (funding source and eligibility, the information statement given…) with its RXA as
 * context: the vaccine as order code, the administration time as observation time when the OBX has none, ORC-3
 * (else ORC-2) as order id, which is also the immunization's record id (a later RXA-21 D names the record it
 * withdraws by it). The PID only identifies the patient, as in a result.
 */
final class VxuMapper {

    private VxuMapper() {
    }

    static PatientPart map(VXU_V04 message, String fallbackAuthority) throws RejectedInput, HL7Exception {
        PidMapper.Patient patient = null;
        String encounterId = null;
        String orderId = null;
        OruMapper.OrderContext context = null;
        Administration administration = null;
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
                administration = null;
                last = null;
            } else if (segment instanceof RXA rxa) {
                Administration given = new Administration(rxa, encounterId, orderId);
                facts.add(given::draft);
                administration = given;
                context = new OruMapper.OrderContext(orderId, given.vaccine, given.time, null, null);
                last = null;
            } else if (segment instanceof RXR rxr && administration != null) {
                administration.route(rxr);
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

    /**
     * An RXA: the vaccine given (or refused, not given, or deleted), as FHIR's Immunization would have it, with
     * the route and site of the RXR that follows it.
     */
    private static final class Administration {

        /** The CDC guide's RXA-6 for an amount not known (a historical record). */
        private static final String UNKNOWN_AMOUNT = "999";
        /** RXA-9 (CDC table NIP001): 00 a new record (the sender gave the dose); 01–08 historical, and from where. */
        private static final Pattern SOURCE = Pattern.compile("0[0-8]");
        private final Concept vaccine;
        private final ClinicalTime time;
        private final String status;
        private final String lot;
        private final String encounterId;
        private final Measurement dose;
        private final Concept manufacturer;
        private final Concept refusalReason;
        private final Concept notes;
        private final ClinicalTime expiration;
        private final String recordId;
        private Concept route;
        private Concept site;

        /** {@code orderId}: the ORC's filler (else placer) order number, the sender's id of the record. */
        Administration(RXA rxa, String encounterId, String orderId) throws RejectedInput {
            // the CDC guide's 9999 is "no id" (a refusal or a historical dose the sender keeps no order for)
            this.recordId = "9999".equals(orderId) ? null : orderId;
            this.vaccine = Hl7Values.concept(rxa.getAdministeredCode());
            if (vaccine == null) {
                throw RejectedInput.invalid("RXA-5 administered code is missing: the vaccine is not named", "RXA-5",
                        101);
            }
            this.time = Hl7Dates.time(text(rxa.getDateTimeStartOfAdministration().getTime()), "RXA-3");
            this.status = VxuMapper.status(text(rxa.getCompletionStatus()), text(rxa.getActionCodeRXA()));
            this.lot = rxa.getSubstanceLotNumberReps() == 0 ? null : text(rxa.getSubstanceLotNumber(0));
            this.encounterId = encounterId;
            this.dose = dose(text(rxa.getAdministeredAmount()), rxa.getAdministeredUnits());
            this.manufacturer = rxa.getSubstanceManufacturerNameReps() == 0 ? null
                    : Hl7Values.concept(rxa.getSubstanceManufacturerName(0));
            this.refusalReason = rxa.getSubstanceTreatmentRefusalReasonReps() == 0 ? null
                    : Hl7Values.concept(rxa.getSubstanceTreatmentRefusalReason(0));
            this.notes = rxa.getAdministrationNotesReps() == 0 ? null
                    : Hl7Values.concept(rxa.getAdministrationNotes(0));
            this.expiration = rxa.getSubstanceExpirationDateReps() == 0 ? null
                    : Hl7Dates.time(text(rxa.getSubstanceExpirationDate(0).getTime()), "RXA-16");
        }

        void route(RXR rxr) {
            route = Hl7Values.concept(rxr.getRoute());
            site = Hl7Values.concept(rxr.getAdministrationSite());
        }

        FactDraft draft() {
            String source = notes == null || notes.codings().isEmpty() ? null : notes.codings().get(0).code();
            boolean sourceSaid = source != null && SOURCE.matcher(source).matches();
            Boolean primarySource = sourceSaid ? "00".equals(source) : null;
            ImmunizationDetails details = new ImmunizationDetails(dose, route, site, manufacturer, refusalReason,
                    primarySource, Boolean.FALSE.equals(primarySource) ? notes : null, expiration);
            return (record, key, factId) -> new ImmunizationRecorded(record, factId, key, vaccine, status, time, lot,
                    encounterId, details, recordId);
        }

        private static Measurement dose(String amount, CE units) {
            if (amount == null) {
                return null;
            }
            return UNKNOWN_AMOUNT.equals(amount) ? new Measurement(amount, null, null, null, null, null)
                    : ObxValue.amount(amount, units);
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
