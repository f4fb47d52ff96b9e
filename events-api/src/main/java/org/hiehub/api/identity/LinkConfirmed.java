package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/** A steward confirmed that the source record belongs to the master patient. */
@Revision("1")
public record LinkConfirmed(SourceRecordId sourceRecordId, MasterPatientId masterPatientId, String steward)
        implements IdentityEvent {
}
