package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Link a source record to a master patient, with the confidence (0–100) and method that justify it. */
public record LinkIdentifier(@TargetAggregateIdentifier SourceRecordId sourceRecordId, MasterPatientId masterPatientId,
                             int confidence, LinkMethod method) implements IdentityCommands {
}
