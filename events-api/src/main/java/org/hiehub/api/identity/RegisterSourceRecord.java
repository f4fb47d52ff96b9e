package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A source sent a patient we have not seen from it before. */
public record RegisterSourceRecord(@TargetAggregateIdentifier SourceRecordId sourceRecordId, String sourceSystem,
                                   String localId, Demographics demographics) implements IdentityCommands {
}
