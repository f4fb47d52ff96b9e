package org.hiehub.api.identity;

import java.util.List;

/**
 * What the MPI decided about a newly seen source record, as {@link MatchEvaluated} records it: the best candidate
 * (master patient and the record that matched, both null when nothing was close), the 0–100 confidence, the tier,
 * what was done ({@code outcome}) and the per-field comparison.
 */
public record MatchDecision(MasterPatientId candidatePatient, SourceRecordId candidateRecord, int confidence,
                            String tier, String outcome, List<FieldComparison> comparisons) {

    public MatchDecision {
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }

    /** No candidate came close enough to compare. */
    public static MatchDecision noMatch(String outcome) {
        return new MatchDecision(null, null, 0, "NO_MATCH", outcome, List.of());
    }
}
