package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * The source withdrew a visit it had reported (HL7 ADT^A11, cancel admit / visit notification): the admission was
 * sent in error, so the encounter {@code encounterId} names did not happen. The earlier {@link EncounterStarted}
 * stays in the log as what was said then; read models show the encounter as cancelled. {@code at}: when the
 * cancellation was made at the source (EVN-6, else EVN-2), or null.
 */
@Revision("1")
public record EncounterCancelled(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                 String encounterId, ClinicalTime at) implements ClinicalEvent {
}
