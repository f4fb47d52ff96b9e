package org.hiehub.command.identity.matching.engine;

/**
 * Confidence bands (0–100) of the tiers; defaults from the product brief: 95 and above auto-link, 80–95 link and
 * review, 60–80 suggest only, below 60 a new master patient.
 */
public record MatchThresholds(double autoLink, double review, double suggest) {

    public static final MatchThresholds DEFAULTS = new MatchThresholds(95, 80, 60);

    public MatchThresholds {
        if (!(autoLink >= review && review >= suggest && suggest >= 0 && autoLink <= 100)) {
            throw new IllegalArgumentException("thresholds must satisfy 100 >= auto >= review >= suggest >= 0");
        }
    }

    public MatchTier tierOf(double confidence) {
        if (confidence >= autoLink) {
            return MatchTier.AUTO_LINK;
        }
        if (confidence >= review) {
            return MatchTier.REVIEW;
        }
        return confidence >= suggest ? MatchTier.SUGGEST : MatchTier.NO_MATCH;
    }
}
