package org.hiehub.command.identity.matching.engine;

import java.util.ArrayList;
import java.util.List;
import org.hiehub.command.identity.matching.compare.FieldComparator;
import org.hiehub.command.identity.matching.fellegisunter.FellegiSunterModel;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Scores a pair of match profiles with a Fellegi–Sunter model and places it in a tier. Pure and thread-safe:
 * the hub's {@code ProbabilisticMatcher} and the {@code match-eval} command use this very class.
 */
public final class MatchEngine {

    private final List<FieldComparator<MatchProfile>> comparators;
    private final FellegiSunterModel model;
    private final MatchPolicy policy;
    private final int ssn;
    private final int identifier;
    private final int birthOrder;

    public MatchEngine(List<FieldComparator<MatchProfile>> comparators, FellegiSunterModel model,
                       MatchPolicy policy) {
        if (comparators.size() != model.comparisons().size()) {
            throw new IllegalArgumentException("model has " + model.comparisons().size() + " comparisons, engine "
                    + comparators.size());
        }
        for (int c = 0; c < comparators.size(); c++) {
            if (!comparators.get(c).field().equals(model.comparison(c).field())
                    || comparators.get(c).levels().size() != model.comparison(c).levels()) {
                throw new IllegalArgumentException("model does not fit comparison " + comparators.get(c).field());
            }
        }
        this.comparators = List.copyOf(comparators);
        this.model = model;
        this.policy = policy;
        this.ssn = indexOf("ssn");
        this.identifier = indexOf("identifier");
        this.birthOrder = indexOf("birth_order");
    }

    public FellegiSunterModel model() {
        return model;
    }

    public MatchPolicy policy() {
        return policy;
    }

    public int[] levels(MatchProfile incoming, MatchProfile candidate) {
        int[] levels = new int[comparators.size()];
        for (int c = 0; c < levels.length; c++) {
            levels[c] = comparators.get(c).compare(incoming, candidate);
        }
        return levels;
    }

    /** Confidence 0–100 (the posterior match probability given the prior and every field's evidence) and tier. */
    public Score score(MatchProfile incoming, MatchProfile candidate) {
        int[] levels = levels(incoming, candidate);
        double confidence = 100 * FellegiSunterModel.probability(model.matchWeight(levels, null));
        return new Score(confidence, policy.tierOf(confidence, conflict(levels)));
    }

    /** The cheap result of scoring, without the per-field evidence. */
    public record Score(double confidence, MatchTier tier) {
    }

    public MatchDecision decide(String candidateId, MatchProfile incoming, MatchProfile candidate) {
        int[] levels = levels(incoming, candidate);
        List<FieldEvidence> evidence = new ArrayList<>(levels.length);
        for (int c = 0; c < levels.length; c++) {
            String label = levels[c] < 0 ? "missing" : comparators.get(c).levels().get(levels[c]);
            evidence.add(new FieldEvidence(comparators.get(c).field(), levels[c], label,
                    model.levelWeight(c, levels[c], 0)));
        }
        double weight = model.matchWeight(levels, null);
        double confidence = 100 * FellegiSunterModel.probability(weight);
        return new MatchDecision(candidateId, weight, confidence,
                policy.tierOf(confidence, conflict(levels)), evidence);
    }

    /** Both sides carry an SSN, same-authority identifier or birth order and they differ (level 0). */
    private boolean conflict(int[] levels) {
        return isZero(levels, ssn) || isZero(levels, identifier) || isZero(levels, birthOrder);
    }

    private static boolean isZero(int[] levels, int comparison) {
        return comparison >= 0 && levels[comparison] == 0;
    }

    private int indexOf(String field) {
        for (int c = 0; c < comparators.size(); c++) {
            if (comparators.get(c).field().equals(field)) {
                return c;
            }
        }
        return -1;
    }
}
