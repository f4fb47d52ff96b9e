package org.hiehub.command.identity.matching.engine;

/**
 * How scores become actions: the confidence bands, and the best tier a pair may reach when the records
 * contradict each other on something that identifies a person — an SSN or an MRN of the same authority differing
 * beyond a typo, or a different multiple-birth order. The hub's default keeps such pairs from linking at all
 * ({@link MatchTier#SUGGEST}): a false link merges two people's records, and these are the classic signs of two
 * people who share name, birth date and address (namesakes with different SSNs, twins). {@link MatchTier#AUTO_LINK}
 * means "no cap": the contradiction only weighs as its Bayes factor.
 */
public record MatchPolicy(MatchThresholds thresholds, MatchTier conflictCap) {

    public static final MatchPolicy DEFAULTS = new MatchPolicy(MatchThresholds.DEFAULTS, MatchTier.SUGGEST);

    public MatchTier tierOf(double confidence, boolean conflict) {
        MatchTier tier = thresholds.tierOf(confidence);
        if (conflict && tier.ordinal() < conflictCap.ordinal()) {
            return conflictCap;
        }
        return tier;
    }
}
