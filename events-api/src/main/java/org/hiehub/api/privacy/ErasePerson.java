package org.hiehub.api.privacy;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;

/**
 * Erase a person on a lawful request (GDPR Art. 17, or a comparable basis): the master patient and every source
 * record linked to it. The command carries only pseudonymous ids, never the person's data.
 */
public record ErasePerson(@TargetAggregateIdentifier MasterPatientId masterPatientId,
                          List<MasterPatientId> retiredMasterPatientIds, List<SourceRecordId> sourceRecordIds,
                          String legalBasis, String requestReference, String requestedBy, Instant requestedAt) {
}
