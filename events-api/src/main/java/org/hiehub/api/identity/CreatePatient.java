package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start a new master patient, founded by the source record that matched nobody. */
public record CreatePatient(@TargetAggregateIdentifier MasterPatientId masterPatientId,
                            SourceRecordId foundingRecord) implements IdentityCommands {
}
