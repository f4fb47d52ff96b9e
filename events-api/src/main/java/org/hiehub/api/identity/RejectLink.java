package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A steward rejects the pair: the record is not that person, and the pair is never proposed again. */
public record RejectLink(@TargetAggregateIdentifier SourceRecordId sourceRecordId, MasterPatientId masterPatientId,
                         String steward, String reason) implements IdentityCommands {
}
