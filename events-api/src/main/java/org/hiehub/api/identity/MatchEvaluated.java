package org.hiehub.api.identity;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The MPI decided where a newly seen source record belongs: the best candidate (master patient and the record
 * that matched), the 0–100 confidence, the tier (AUTO_LINK, REVIEW, SUGGEST, NO_MATCH), what was done
 * ({@code outcome}: LINKED, LINKED_FOR_REVIEW, SUGGESTED, NEW_PATIENT) and the per-field comparison, so an
 * auditor can see why. No personal data: levels and weights only.
 */
@Revision("1")
public record MatchEvaluated(SourceRecordId sourceRecordId, MasterPatientId candidatePatient,
                             SourceRecordId candidateRecord, int confidence, String tier, String outcome,
                             List<FieldComparison> comparisons) implements IdentityEvent {

    public MatchEvaluated {
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }
}
