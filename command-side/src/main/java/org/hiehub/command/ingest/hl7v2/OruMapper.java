package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.firstNonNull;
import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.datatype.FT;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.NTE;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.command.ingest.ParsedMessage.PatientPart;
import org.hiehub.command.ingest.RejectedInput;

/**
 * ORU^R01 → one ObservationRecorded per OBX, each with its OBR context (order id and code, observation time,
 * service section) and the notes (NTE) that follow it. OBX segments of a specimen group (SPM) are observations too,
 * so the number of facts always equals the number of OBX segments.
 */
final class OruMapper {

    private OruMapper() {
    }

    static List<PatientPart> map(ORU_R01 message, String fallbackAuthority) throws RejectedInput, HL7Exception {
        List<PatientPart> patients = new ArrayList<>();
        PidMapper.Patient patient = null;
        List<PendingObservation> observations = new ArrayList<>();
        OrderContext order = null;
        String encounterId = null;
        PendingObservation last = null;
        for (Segment segment : Segments.inOrder(message)) {
            if (segment instanceof PID pid) {
                flush(patient, observations, patients);
                patient = PidMapper.map(pid, fallbackAuthority);
                observations = new ArrayList<>();
                order = null;
                encounterId = null;
                last = null;
            } else if (segment instanceof PV1 pv1) {
                encounterId = Pv1Mapper.encounterId(pv1);
            } else if (segment instanceof OBR obr) {
                order = OrderContext.of(obr);
                last = null;
            } else if (segment instanceof OBX obx) {
                if (patient == null) {
                    throw new RejectedInput("OBX before any PID: the result names no patient", "OBX", 100, false);
                }
                last = PendingObservation.of(obx, order, encounterId);
                observations.add(last);
            } else if (segment instanceof NTE nte && last != null) {
                last.addNote(noteText(nte));
            } else if (!"NTE".equals(segment.getName())) {
                last = null; // an NTE after anything but an OBX comments on the order or the patient
            }
        }
        if (patient == null) {
            throw RejectedInput.invalid("PID segment is missing", "PID", 100);
        }
        flush(patient, observations, patients);
        return patients;
    }

    private static void flush(PidMapper.Patient patient, List<PendingObservation> observations,
                              List<PatientPart> out) {
        if (patient != null) {
            out.add(new PatientPart(patient.assigningAuthority(), patient.localId(), patient.demographics(),
                    observations.stream().map(PendingObservation::draft).toList(), true));
        }
    }

    static String noteText(NTE nte) {
        List<String> lines = new ArrayList<>();
        for (FT line : nte.getComment()) {
            String text = text(line);
            if (text != null) {
                lines.add(text);
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** What an OBR says about the observations under it. */
    record OrderContext(String orderId, Concept orderCode, ClinicalTime observed, ClinicalTime issued,
                        Concept category) {

        static OrderContext of(OBR obr) throws RejectedInput {
            String orderId = firstNonNull(Hl7Values.ei(obr.getFillerOrderNumber()),
                    Hl7Values.ei(obr.getPlacerOrderNumber()));
            String section = text(obr.getDiagnosticServSectID());
            return new OrderContext(orderId, Hl7Values.concept(obr.getUniversalServiceIdentifier()),
                    Hl7Dates.time(text(obr.getObservationDateTime().getTime()), "OBR-7"),
                    Hl7Dates.time(text(obr.getResultsRptStatusChngDateTime().getTime()), "OBR-22"),
                    section == null ? null : Concept.of("HL70074", section, null));
        }
    }
}
