package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/**
 * One observation (HL7 OBX with its OBR context; FHIR Observation). Exactly one of {@code quantity},
 * {@code valueConcept}, {@code valueText} is usually set; {@code valueType} is the HL7 OBX-2 value type or the
 * FHIR value[x] type. {@code referenceRange} and {@code abnormalFlag} are as sent; {@code structuredReferenceRange}
 * is the range read from it. Free-text notes may name people, so they are personal data.
 *
 * <p>Revision 2 added {@code structuredReferenceRange}; {@code ObservationRecordedUpcaster} derives it for events
 * stored at revision 1.
 */
@Revision("2")
public record ObservationRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                  Concept code, String valueType, Measurement quantity, Concept valueConcept,
                                  String valueText, String referenceRange, String abnormalFlag, String status,
                                  ClinicalTime effective, ClinicalTime issued, String performer,
                                  String orderId, Concept orderCode, String encounterId, Concept category,
                                  @PersonalData String note, ReferenceRange structuredReferenceRange)
        implements ClinicalEvent {

    /** The revision-1 shape: the structured range is read from the text range, in the unit of the value. */
    public ObservationRecorded(SourceRecordId sourceRecordId, String factId, String messageKey, Concept code,
                               String valueType, Measurement quantity, Concept valueConcept, String valueText,
                               String referenceRange, String abnormalFlag, String status, ClinicalTime effective,
                               ClinicalTime issued, String performer, String orderId, Concept orderCode,
                               String encounterId, Concept category, String note) {
        this(sourceRecordId, factId, messageKey, code, valueType, quantity, valueConcept, valueText, referenceRange,
                abnormalFlag, status, effective, issued, performer, orderId, orderCode, encounterId, category, note,
                ReferenceRange.fromText(referenceRange, quantity == null ? null : quantity.unitAsSent()));
    }
}
