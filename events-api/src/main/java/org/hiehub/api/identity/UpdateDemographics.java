package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A source sent its current view of a patient it registered before. */
public record UpdateDemographics(@TargetAggregateIdentifier SourceRecordId sourceRecordId,
                                 Demographics demographics) implements IdentityCommands {
}
