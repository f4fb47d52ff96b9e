package org.hiehub.api.identity;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the MPI's decision about a source record on that record's stream. */
public record RecordMatchDecision(@TargetAggregateIdentifier SourceRecordId sourceRecordId,
                                  MasterPatientId candidatePatient, SourceRecordId candidateRecord, int confidence,
                                  String tier, String outcome, List<FieldComparison> comparisons)
        implements IdentityCommands {
}
