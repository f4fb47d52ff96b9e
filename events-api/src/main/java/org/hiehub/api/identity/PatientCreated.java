package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/** A master patient came into being. It carries no personal data: those stay with the source records. */
@Revision("1")
public record PatientCreated(MasterPatientId masterPatientId, SourceRecordId foundingRecord) implements IdentityEvent {
}
