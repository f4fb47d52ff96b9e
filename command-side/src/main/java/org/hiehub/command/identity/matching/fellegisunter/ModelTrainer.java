package org.hiehub.command.identity.matching.fellegisunter;

import java.util.ArrayList;
import java.util.List;
import org.hiehub.command.identity.matching.compare.FieldComparator;

/**
 * Fits a model to unlabelled data: u from random pairs (as Splink recommends), lambda and m by EM on the candidate
 * pairs that blocking produced. Within EM u is left free, starting from the random-pair u: the non-matches among
 * candidates were chosen for looking alike and are not distributed like random pairs, and holding u at its
 * random-pair value lets EM explain every look-alike candidate as a match (it converged to lambda = 1 on FEBRL).
 * The fitted model then scores with the random-pair u, which describes the non-matches an incoming record meets.
 * No ground truth is used.
 */
public final class ModelTrainer<T> {

    /** Floor for m: a level EM never saw among matches must still not veto a match outright. */
    private static final double MIN_M = 1e-6;
    private static final double START_LAMBDA = 0.1;

    private final List<FieldComparator<T>> comparators;

    public ModelTrainer(List<FieldComparator<T>> comparators) {
        this.comparators = List.copyOf(comparators);
    }

    /**
     * EM on the candidate pairs, then lambda rescaled from "share of candidate pairs that match" to "probability
     * that two records match" (Splink's probability_two_random_records_match): the expected number of matches
     * over every possible pair. Blocking chose the candidates because they looked alike, so the blocked share
     * would count the same evidence twice, once in the prior and again in the field weights.
     *
     * @param possiblePairs every pair that could have been compared (n(n-1)/2, or n×m between two sources)
     */
    public FellegiSunterModel train(double[][] u, ComparisonVectors candidatePairs, long possiblePairs,
                                    int maxIterations) {
        List<ComparisonParameters> start = new ArrayList<>();
        for (int c = 0; c < comparators.size(); c++) {
            start.add(new ComparisonParameters(comparators.get(c).field(), startingM(u[c].length), u[c]));
        }
        List<FellegiSunterModel> history = new ExpectationMaximisation(false, maxIterations, 1e-7)
                .train(new FellegiSunterModel(START_LAMBDA, start), candidatePairs);
        FellegiSunterModel fitted = history.get(history.size() - 1);
        List<ComparisonParameters> floored = new ArrayList<>();
        for (int c = 0; c < comparators.size(); c++) {
            floored.add(fitted.comparison(c).with(floored(fitted.comparison(c).m()), u[c]));
        }
        double expectedMatches = fitted.lambda() * candidatePairs.pairs();
        return fitted.with(Math.min(0.5, expectedMatches / possiblePairs), floored);
    }

    /** Levels for each pair, comparisons in this trainer's order. */
    public int[] levels(T left, T right) {
        int[] levels = new int[comparators.size()];
        for (int c = 0; c < levels.length; c++) {
            levels[c] = comparators.get(c).compare(left, right);
        }
        return levels;
    }

    /** A neutral start: most matches agree exactly, the rest spread over the lower levels. */
    private static double[] startingM(int levels) {
        double[] m = new double[levels];
        for (int l = 0; l < levels - 1; l++) {
            m[l] = 0.2 / (levels - 1);
        }
        m[levels - 1] = 0.8;
        return m;
    }

    private static double[] floored(double[] m) {
        double[] result = m.clone();
        double total = 0;
        for (int l = 0; l < result.length; l++) {
            result[l] = Math.max(result[l], MIN_M);
            total += result[l];
        }
        for (int l = 0; l < result.length; l++) {
            result[l] /= total;
        }
        return result;
    }
}
