package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.firstNonNull;
import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.model.v251.datatype.IS;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.RejectedInput;

/** One OBX read so far; the NTE segments after it are still to come, so the fact is drafted at the end. */
final class PendingObservation {

    private final Concept code;
    private final String valueType;
    private final ObxValue.Value value;
    private final String referenceRange;
    private final String abnormalFlag;
    private final String status;
    private final ClinicalTime effective;
    private final String performer;
    private final OruMapper.OrderContext order;
    private final String encounterId;
    private final List<String> notes = new ArrayList<>();

    private PendingObservation(OBX obx, OruMapper.OrderContext order, String encounterId) throws RejectedInput {
        this.code = Hl7Values.concept(obx.getObservationIdentifier());
        this.valueType = text(obx.getValueType());
        this.value = ObxValue.of(valueType, obx.getObservationValue(), obx.getUnits());
        this.referenceRange = text(obx.getReferencesRange());
        this.abnormalFlag = joined(obx.getAbnormalFlags());
        this.status = text(obx.getObservationResultStatus());
        ClinicalTime observed = Hl7Dates.time(text(obx.getDateTimeOfTheObservation().getTime()), "OBX-14");
        this.effective = observed != null || order == null ? observed : order.observed();
        this.performer = firstNonNull(text(obx.getPerformingOrganizationName().getOrganizationName()),
                text(obx.getProducerSReference().getIdentifier()), text(obx.getProducerSReference().getText()));
        this.order = order;
        this.encounterId = encounterId;
    }

    static PendingObservation of(OBX obx, OruMapper.OrderContext order, String encounterId) throws RejectedInput {
        return new PendingObservation(obx, order, encounterId);
    }

    void addNote(String note) {
        if (note != null) {
            notes.add(note);
        }
    }

    FactDraft draft() {
        String note = notes.isEmpty() ? null : String.join("\n", notes);
        OruMapper.OrderContext o = order;
        return (record, key, factId) -> new ObservationRecorded(record, factId, key, code, valueType,
                value.quantity(), value.concept(), value.text(), referenceRange, abnormalFlag, status, effective,
                o == null ? null : o.issued(), performer, o == null ? null : o.orderId(),
                o == null ? null : o.orderCode(), encounterId, o == null ? null : o.category(), note);
    }

    private static String joined(IS[] flags) {
        List<String> values = new ArrayList<>();
        for (IS flag : flags) {
            values.add(text(flag));
        }
        values.removeIf(Objects::isNull);
        return values.isEmpty() ? null : String.join("~", values);
    }
}
