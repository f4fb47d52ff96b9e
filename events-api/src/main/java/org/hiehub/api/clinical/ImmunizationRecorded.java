package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/** A vaccine given or reported (HL7 RXA in VXU; FHIR Immunization). */
@Revision("1")
public record ImmunizationRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                   Concept vaccine, String status, ClinicalTime occurrence, String lotNumber,
                                   String encounterId) implements ClinicalEvent {
}
