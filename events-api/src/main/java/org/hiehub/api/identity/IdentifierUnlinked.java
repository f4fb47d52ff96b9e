package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/** A source record no longer belongs to the master patient it was linked to. */
@Revision("1")
public record IdentifierUnlinked(SourceRecordId sourceRecordId, MasterPatientId masterPatientId, String reason)
        implements IdentityEvent {
}
