package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * A medication fact: {@code kind} is REQUEST (FHIR MedicationRequest, HL7 RXE/RXO), STATEMENT (FHIR
 * MedicationStatement) or ADMINISTRATION (HL7 RXA). Dose as sent in {@code dose} and {@code dosageText}.
 */
@Revision("1")
public record MedicationRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                 String kind, Concept medication, String status, String intent,
                                 ClinicalTime authoredOn, ClinicalTime effectiveStart, ClinicalTime effectiveEnd,
                                 String dosageText, Measurement dose, String encounterId) implements ClinicalEvent {
}
