package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Link a newly seen source record where the MPI decided and record the decision with it, on the record's stream:
 * one command, so a registration spends one unit of work and one append on both facts.
 */
public record LinkAsDecided(@TargetAggregateIdentifier SourceRecordId sourceRecordId, MasterPatientId masterPatientId,
                            int confidence, LinkMethod method, MatchDecision decision) implements IdentityCommands {
}
