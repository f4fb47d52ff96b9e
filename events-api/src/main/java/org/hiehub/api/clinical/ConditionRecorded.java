package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/** A problem or diagnosis (HL7 DG1/PRB; FHIR Condition), statuses as sent. */
@Revision("1")
public record ConditionRecorded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                Concept code, Concept category, String clinicalStatus, String verificationStatus,
                                ClinicalTime onset, ClinicalTime abatement, ClinicalTime recorded,
                                String encounterId) implements ClinicalEvent {
}
