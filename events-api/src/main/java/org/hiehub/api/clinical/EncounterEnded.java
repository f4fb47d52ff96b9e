package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/** The source ended an encounter (HL7 ADT^A03 discharge). */
@Revision("1")
public record EncounterEnded(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                             String encounterId, ClinicalTime end, String dischargeDisposition)
        implements ClinicalEvent {
}
