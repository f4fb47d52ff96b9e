package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * The source moved the patient of a visit to another location (HL7 ADT^A02, transfer): {@code location} is where
 * the patient is now (PV1-3), {@code priorLocation} where they were (PV1-6), as sent. {@code at}: when the transfer
 * happened at the source (EVN-6, else EVN-2), or null.
 */
@Revision("1")
public record EncounterTransferred(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                   String encounterId, String location, String priorLocation, ClinicalTime at)
        implements ClinicalEvent {
}
