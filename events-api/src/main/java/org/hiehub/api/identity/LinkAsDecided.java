package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Link an already registered but unlinked source record where the MPI decided and record the decision with it, on
 * the record's stream: one command, one unit of work and one append for both facts. A record seen for the first
 * time is linked by its {@link RegisterSourceRecord} instead.
 */
public record LinkAsDecided(@TargetAggregateIdentifier SourceRecordId sourceRecordId, DecidedLink link)
        implements IdentityCommands {
}
