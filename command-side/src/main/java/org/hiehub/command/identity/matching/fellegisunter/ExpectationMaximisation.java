package org.hiehub.command.identity.matching.fellegisunter;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates lambda and m (and optionally u) without labelled pairs, by expectation–maximisation (Dempster, Laird
 * &amp; Rubin 1977; for record linkage Winkler 1988, Jaro 1989). Follows Splink's formulation so that its published
 * iteration values are a test oracle: the E step scores every pair with the current model, term-frequency
 * adjustment included; the M step sets lambda to the mean match probability and each level's m (u) to the
 * match-probability-weighted (non-match-weighted) share of pairs at that level among pairs where the comparison
 * was not missing. Fixing u (estimated beforehand from random pairs) is Splink's recommended practice: u is then
 * not distorted by the blocking that chose the training pairs.
 */
public final class ExpectationMaximisation {

    private final boolean fixU;
    private final int maxIterations;
    private final double tolerance;

    public ExpectationMaximisation(boolean fixU, int maxIterations, double tolerance) {
        this.fixU = fixU;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** The models after each iteration; element 0 is the starting model, the last the estimate. */
    public List<FellegiSunterModel> train(FellegiSunterModel start, ComparisonVectors vectors) {
        List<FellegiSunterModel> history = new ArrayList<>();
        history.add(start);
        FellegiSunterModel model = start;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            FellegiSunterModel next = step(model, vectors);
            history.add(next);
            boolean converged = largestChange(model, next) < tolerance;
            model = next;
            if (converged) {
                break;
            }
        }
        return history;
    }

    FellegiSunterModel step(FellegiSunterModel model, ComparisonVectors vectors) {
        int comparisons = model.comparisons().size();
        double[][] matchMass = new double[comparisons][];
        double[][] nonMatchMass = new double[comparisons][];
        for (int c = 0; c < comparisons; c++) {
            matchMass[c] = new double[model.comparison(c).levels()];
            nonMatchMass[c] = new double[model.comparison(c).levels()];
        }
        double totalProbability = 0;
        for (int pair = 0; pair < vectors.pairs(); pair++) {
            int[] levels = vectors.levels()[pair];
            double p = FellegiSunterModel.probability(model.matchWeight(levels, vectors.termFrequencies(pair)));
            totalProbability += p;
            for (int c = 0; c < comparisons; c++) {
                if (levels[c] >= 0) {
                    matchMass[c][levels[c]] += p;
                    nonMatchMass[c][levels[c]] += 1 - p;
                }
            }
        }
        List<ComparisonParameters> updated = new ArrayList<>(comparisons);
        for (int c = 0; c < comparisons; c++) {
            ComparisonParameters current = model.comparison(c);
            double[] m = normalisedOr(matchMass[c], current.m());
            double[] u = fixU ? current.u() : normalisedOr(nonMatchMass[c], current.u());
            updated.add(current.with(m, u));
        }
        return model.with(totalProbability / vectors.pairs(), updated);
    }

    /** Shares of the total; a comparison never observed keeps its previous parameters. */
    private static double[] normalisedOr(double[] mass, double[] previous) {
        double total = 0;
        for (double x : mass) {
            total += x;
        }
        if (total <= 0) {
            return previous;
        }
        double[] shares = new double[mass.length];
        for (int l = 0; l < mass.length; l++) {
            shares[l] = mass[l] / total;
        }
        return shares;
    }

    private static double largestChange(FellegiSunterModel a, FellegiSunterModel b) {
        double change = Math.abs(a.lambda() - b.lambda());
        for (int c = 0; c < a.comparisons().size(); c++) {
            for (int l = 0; l < a.comparison(c).levels(); l++) {
                change = Math.max(change, Math.abs(a.comparison(c).m(l) - b.comparison(c).m(l)));
                change = Math.max(change, Math.abs(a.comparison(c).u(l) - b.comparison(c).u(l)));
            }
        }
        return change;
    }
}
