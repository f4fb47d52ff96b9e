package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/**
 * A steward decided the source record is not that master patient. A refusal an auditor must see; the MPI never
 * proposes the pair again.
 */
@Revision("1")
public record LinkRejected(SourceRecordId sourceRecordId, MasterPatientId masterPatientId, String steward,
                           String reason) implements IdentityEvent {
}
