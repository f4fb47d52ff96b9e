package org.hiehub.command.identity.matching.engine;

/** What the MPI does with a candidate, by confidence band (see {@link MatchThresholds}). */
public enum MatchTier {
    /** Linked without a human: a false link merges two people's records, so this band is kept narrow. */
    AUTO_LINK,
    /** Linked, and put on the steward's review queue. */
    REVIEW,
    /** Not linked; offered to the steward as a possible match. */
    SUGGEST,
    /** Not the same person as far as the evidence goes. */
    NO_MATCH;

    public boolean links() {
        return this == AUTO_LINK || this == REVIEW;
    }
}
