package org.hiehub.command.identity.matching.fellegisunter;

import java.util.List;

/**
 * A Fellegi–Sunter model (Fellegi &amp; Sunter 1969, "A Theory for Record Linkage", JASA 64): the prior probability
 * {@code lambda} that a compared pair is a match, and m/u per comparison level. A pair's match weight is the prior
 * log-odds plus the sum of log2 Bayes factors of the levels it reached, which assumes the comparisons are
 * conditionally independent given the match status; its posterior probability follows from the weight.
 */
public record FellegiSunterModel(double lambda, List<ComparisonParameters> comparisons) {

    public FellegiSunterModel {
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1): " + lambda);
        }
        comparisons = List.copyOf(comparisons);
    }

    public ComparisonParameters comparison(int index) {
        return comparisons.get(index);
    }

    public double priorWeight() {
        return log2(lambda / (1 - lambda));
    }

    /**
     * log2 Bayes factor of one comparison outcome; 0 for a missing value. With a term frequency (the share of
     * records carrying the agreeing value) the tf level's u is replaced by that frequency, partly per tfWeight:
     * agreeing on a rare surname is stronger evidence than agreeing on SMITH (Splink's formulation).
     */
    public double levelWeight(int comparison, int level, double termFrequency) {
        if (level < 0) {
            return 0;
        }
        ComparisonParameters parameters = comparisons.get(comparison);
        double weight = log2(parameters.bayesFactor(level));
        if (level == parameters.tfLevel() && termFrequency > 0) {
            weight += parameters.tfWeight() * log2(parameters.u(level) / termFrequency);
        }
        return weight;
    }

    /** Prior plus every comparison's weight; {@code termFrequencies} may be null. */
    public double matchWeight(int[] levels, double[] termFrequencies) {
        double weight = priorWeight();
        for (int c = 0; c < levels.length; c++) {
            weight += levelWeight(c, levels[c], termFrequencies == null ? 0 : termFrequencies[c]);
        }
        return weight;
    }

    public static double probability(double matchWeight) {
        return 1 / (1 + Math.pow(2, -matchWeight));
    }

    public FellegiSunterModel with(double newLambda, List<ComparisonParameters> newComparisons) {
        return new FellegiSunterModel(newLambda, newComparisons);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
