package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Detach a source record from its master patient (e.g. a steward found a wrong link). */
public record UnlinkIdentifier(@TargetAggregateIdentifier SourceRecordId sourceRecordId, String reason)
        implements IdentityCommands {
}
