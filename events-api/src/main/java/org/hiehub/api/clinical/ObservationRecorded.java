package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/**
 * One observation (HL7 OBX with its OBR context; FHIR Observation). Exactly one of {@code quantity},
 * {@code valueConcept}, {@code valueText} is usually set; {@code valueType} is the HL7 OBX-2 value type or the
 * FHIR value[x] type. {@code referenceRange} and {@code abnormalFlag} are as sent. Free-text notes may name
 * people, so they are personal data.
 */
@Revision("1")
public record ObservationRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                  Concept code, String valueType, Measurement quantity, Concept valueConcept,
                                  String valueText, String referenceRange, String abnormalFlag, String status,
                                  ClinicalTime effective, ClinicalTime issued, String performer,
                                  String orderId, Concept orderCode, String encounterId, Concept category,
                                  @PersonalData String note) implements ClinicalEvent {
}
