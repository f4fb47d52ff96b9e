package org.hiehub.command.identity.matching;

import java.util.List;
import org.hiehub.api.identity.FieldComparison;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;

/**
 * What a {@link PatientMatcher} decided for one source record, with the evidence behind it when the matcher
 * scored candidates (the registration records it as a {@code MatchEvaluated} event for auditors and stewards).
 */
public sealed interface MatchOutcome {

    Evidence evidence();

    /** Link to an existing master patient. */
    record LinkTo(MasterPatientId masterPatientId, int confidence, LinkMethod method, Evidence evidence)
            implements MatchOutcome {
        public LinkTo(MasterPatientId masterPatientId, int confidence, LinkMethod method) {
            this(masterPatientId, confidence, method, null);
        }
    }

    /**
     * Nobody matched well enough to link: the record founds a new master patient. Evidence of a SUGGEST-tier
     * candidate puts the pair on the steward's review queue.
     */
    record NewPatient(String reason, Evidence evidence) implements MatchOutcome {
        public NewPatient(String reason) {
            this(reason, null);
        }
    }

    /**
     * The best candidate and how it compared: tier AUTO_LINK, REVIEW, SUGGEST or NO_MATCH, and per field the
     * level and weight (never values).
     */
    record Evidence(MasterPatientId candidatePatient, SourceRecordId candidateRecord, int confidence, String tier,
                    List<FieldComparison> comparisons) {
        public Evidence {
            comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        }
    }
}
