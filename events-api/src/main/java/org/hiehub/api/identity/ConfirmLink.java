package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A steward confirms that the record belongs to the master patient (linking it if it was only suggested). */
public record ConfirmLink(@TargetAggregateIdentifier SourceRecordId sourceRecordId, MasterPatientId masterPatientId,
                          String steward) implements IdentityCommands {
}
