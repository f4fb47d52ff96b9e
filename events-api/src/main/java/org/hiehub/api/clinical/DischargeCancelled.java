package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * The source withdrew the discharge of a visit (HL7 ADT^A13, cancel discharge): the patient did not leave, so the
 * encounter {@code encounterId} names is in progress again until a later {@link EncounterEnded}. The earlier
 * discharge stays in the log as what was said then. {@code at}: when the cancellation was made at the source
 * (EVN-6, else EVN-2), or null.
 */
@Revision("1")
public record DischargeCancelled(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                 String encounterId, ClinicalTime at) implements ClinicalEvent {
}
