package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * An encounter began or was reported (HL7 ADT^A01/A04 PV1; FHIR Encounter). {@code encounterId} is the source's
 * visit number, which a later {@link EncounterEnded} names. {@code encounterClass}: inpatient, emergency, …
 */
@Revision("1")
public record EncounterStarted(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                               String encounterId, String encounterClass, Concept type, String status,
                               ClinicalTime start, ClinicalTime end, String location, Concept reason,
                               String admitSource) implements ClinicalEvent {
}
