package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Merge the retired master patient into the survivor; its source records move, no clinical fact is rewritten. */
public record MergePatients(@TargetAggregateIdentifier MasterPatientId retired, MasterPatientId survivor,
                            String steward, String reason) implements IdentityCommands {
}
