package org.hiehub.command.identity.matching.engine;

import java.util.List;

/**
 * The engine's verdict on one candidate: the total match weight (prior log-odds plus the fields' log2 Bayes
 * factors), the posterior probability as a 0–100 confidence, the tier it falls in, and the evidence per field.
 */
public record MatchDecision(String candidateId, double matchWeight, double confidence, MatchTier tier,
                            List<FieldEvidence> evidence) {

    public MatchDecision {
        evidence = List.copyOf(evidence);
    }

    /** Whether the candidate shared an SSN or another identifier of the same authority. */
    public boolean identifierAgreed() {
        return evidence.stream().anyMatch(e -> (e.field().equals("ssn") && e.level() == 2)
                || (e.field().equals("identifier") && e.level() == 1));
    }
}
