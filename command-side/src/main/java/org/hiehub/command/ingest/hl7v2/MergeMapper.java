package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.group.ADT_A39_PATIENT;
import ca.uhn.hl7v2.model.v251.message.ADT_A39;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hiehub.command.ingest.ParsedMessage.PatientPart;
import org.hiehub.command.ingest.ParsedMessage.SourceMerge;
import org.hiehub.command.ingest.RejectedInput;

/**
 * ADT^A40: the source merged two of its own records. PID names the surviving record, MRG-1 the retired one; a
 * message may carry several PID/MRG pairs. The hub records the merge as a fact and lets the identity side move
 * links; the surviving record's demographics are registered as sent.
 */
final class MergeMapper {

    private MergeMapper() {
    }

    record Merges(List<PatientPart> survivors, List<SourceMerge> merges) {
    }

    static Merges map(ADT_A39 adt, String fallbackAuthority) throws RejectedInput, HL7Exception {
        List<PatientPart> survivors = new ArrayList<>();
        List<SourceMerge> merges = new ArrayList<>();
        for (ADT_A39_PATIENT pair : adt.getPATIENTAll()) {
            if (pair.getPID().isEmpty()) {
                continue;
            }
            PidMapper.Patient survivor = PidMapper.map(pair.getPID(), fallbackAuthority);
            survivors.add(new PatientPart(survivor.assigningAuthority(), survivor.localId(),
                    survivor.demographics(), List.of()));
            CX retired = retiredIdentifier(pair);
            String retiredAuthority = PidMapper.authority(retired, survivor.assigningAuthority());
            if (!retiredAuthority.equals(survivor.assigningAuthority())) {
                // A merge across assigning authorities is not a source merge: the source can only merge its own ids
                throw RejectedInput.invalid("MRG-1 names a different assigning authority than PID-3", "MRG-1", 207);
            }
            merges.add(new SourceMerge(survivor.assigningAuthority(), survivor.localId(), text(retired.getIDNumber())));
        }
        if (survivors.isEmpty()) {
            throw RejectedInput.invalid("PID segment is missing", "PID", 100);
        }
        return new Merges(survivors, merges);
    }

    private static CX retiredIdentifier(ADT_A39_PATIENT pair) throws RejectedInput {
        List<CX> ids = new ArrayList<>(Arrays.asList(pair.getMRG().getPriorPatientIdentifierList()));
        ids.removeIf(cx -> text(cx.getIDNumber()) == null);
        if (ids.isEmpty()) {
            throw RejectedInput.invalid("MRG-1 prior patient identifier is missing", "MRG-1", 101);
        }
        return ids.stream().filter(cx -> "MR".equalsIgnoreCase(text(cx.getIdentifierTypeCode()))).findFirst()
                .orElse(ids.get(0));
    }
}
