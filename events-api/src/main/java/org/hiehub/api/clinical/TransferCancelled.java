package org.hiehub.api.clinical;

import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.DataSubject;

/**
 * The source withdrew a transfer of a visit (HL7 ADT^A12, cancel transfer): the patient is back at, or never left,
 * {@code location} (PV1-3, the location before the transfer, as sent). The transfer stays in the log as what was
 * said then. {@code at}: when the cancellation was made at the source (EVN-6, else EVN-2), or null.
 */
@Revision("1")
public record TransferCancelled(@DataSubject SourceRecordId sourceRecordId, String factId, String messageKey,
                                String encounterId, String location, ClinicalTime at) implements ClinicalEvent {
}
