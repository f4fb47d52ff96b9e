package org.hiehub.hub.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hiehub.command.identity.matching.compare.FieldComparator;
import org.hiehub.command.identity.matching.compare.PersonComparators;
import org.hiehub.command.identity.matching.engine.MatchEngine;
import org.hiehub.command.identity.matching.engine.MatchPolicy;
import org.hiehub.command.identity.matching.engine.MatchTier;
import org.hiehub.command.identity.matching.fellegisunter.ComparisonVectors;
import org.hiehub.command.identity.matching.fellegisunter.FellegiSunterModel;
import org.hiehub.command.identity.matching.fellegisunter.ModelTrainer;
import org.hiehub.command.identity.matching.fellegisunter.RandomPairsU;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Runs the MPI engine over records with known identity and scores its pairwise decisions. Records arrive one by
 * one as they would at the hub: within one file each record is matched against those before it; with two files
 * each right record is matched against all left records. Ground truth is used for scoring only.
 */
final class LinkageEvaluation {

    /** Profiles and, for scoring, the true person of each. */
    record Side(List<MatchProfile> profiles, List<String> persons) {
    }

    private static final int RANDOM_PAIRS = 1_000_000;
    private static final int EM_PAIRS = 1_000_000;
    private static final int EM_ITERATIONS = 50;

    private final List<FieldComparator<MatchProfile>> comparators = PersonComparators.standard();
    private final int maxBlockSize;
    private final int maxCandidates;
    private final PrintStream progress;

    LinkageEvaluation(int maxBlockSize, int maxCandidates, PrintStream progress) {
        this.maxBlockSize = maxBlockSize;
        this.maxCandidates = maxCandidates;
        this.progress = progress;
    }

    EvaluationResult run(Side left, Side right, FellegiSunterModel configured, MatchPolicy policy) {
        boolean dedupe = right == null;
        Side incoming = dedupe ? left : right;
        FellegiSunterModel model = configured != null ? configured : train(left, incoming, dedupe);
        MatchEngine engine = new MatchEngine(comparators, model, policy);

        InMemoryMatcher matcher = new InMemoryMatcher(maxBlockSize, maxCandidates);
        if (!dedupe) {
            left.profiles().forEach(matcher::add);
        }
        EvaluationResult result = new EvaluationResult(truePairs(left, right));
        long started = System.nanoTime();
        for (int r = 0; r < incoming.profiles().size(); r++) {
            MatchProfile profile = incoming.profiles().get(r);
            for (InMemoryMatcher.Scored scored : matcher.match(profile, engine)) {
                boolean same = left.persons().get(scored.candidate()).equals(incoming.persons().get(r));
                result.record(scored.score().tier(), same);
            }
            if (dedupe) {
                matcher.add(profile);
            }
        }
        result.finish(incoming.profiles().size(), (System.nanoTime() - started) / 1e9);
        return result;
    }

    FellegiSunterModel train(Side left, Side incoming, boolean dedupe) {
        progress.println("estimating u from " + RANDOM_PAIRS + " random pairs");
        double[][] u = RandomPairsU.estimate(left.profiles(), incoming.profiles(), comparators, RANDOM_PAIRS, 42);
        ModelTrainer<MatchProfile> trainer = new ModelTrainer<>(comparators);
        InMemoryMatcher matcher = new InMemoryMatcher(maxBlockSize, maxCandidates);
        if (!dedupe) {
            left.profiles().forEach(matcher::add);
        }
        List<int[]> levels = new ArrayList<>();
        for (MatchProfile profile : incoming.profiles()) {
            for (int candidate : matcher.candidates(profile)) {
                levels.add(trainer.levels(profile, matcher.profile(candidate)));
            }
            if (dedupe) {
                matcher.add(profile);
            }
        }
        progress.println("blocking produced " + levels.size() + " candidate pairs; EM on them for m and lambda");
        List<int[]> sample = subsample(levels, EM_PAIRS);
        long possiblePairs = dedupe ? (long) left.profiles().size() * (left.profiles().size() - 1) / 2
                : (long) left.profiles().size() * incoming.profiles().size();
        double sampled = (double) sample.size() / levels.size();
        FellegiSunterModel model = trainer.train(u, new ComparisonVectors(sample.toArray(int[][]::new), null),
                Math.round(possiblePairs * sampled), EM_ITERATIONS);
        progress.println("EM: probability that two random records match " + model.lambda());
        return model;
    }

    private static List<int[]> subsample(List<int[]> pairs, int limit) {
        if (pairs.size() <= limit) {
            return pairs;
        }
        List<int[]> copy = new ArrayList<>(pairs);
        java.util.Collections.shuffle(copy, new Random(7));
        return copy.subList(0, limit);
    }

    /** Pairs of records of the same person: within one file, or across the two. */
    private static long truePairs(Side left, Side right) {
        Map<String, Long> leftCounts = counts(left.persons());
        if (right == null) {
            return leftCounts.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
        }
        Map<String, Long> rightCounts = counts(right.persons());
        return leftCounts.entrySet().stream().mapToLong(e -> e.getValue() * rightCounts.getOrDefault(e.getKey(), 0L))
                .sum();
    }

    private static Map<String, Long> counts(List<String> persons) {
        Map<String, Long> counts = new HashMap<>();
        persons.forEach(p -> counts.merge(p, 1L, Long::sum));
        return counts;
    }

    /** Counts per tier; links are auto-link plus review. */
    static final class EvaluationResult {
        final long truePairs;
        final Map<MatchTier, long[]> tiers = new EnumMap<>(MatchTier.class); // [pairs, true pairs]
        long candidatePairs;
        long trueCandidatePairs;
        double recordsPerSecond;

        EvaluationResult(long truePairs) {
            this.truePairs = truePairs;
            for (MatchTier tier : MatchTier.values()) {
                tiers.put(tier, new long[2]);
            }
        }

        void record(MatchTier tier, boolean same) {
            candidatePairs++;
            trueCandidatePairs += same ? 1 : 0;
            tiers.get(tier)[0]++;
            tiers.get(tier)[1] += same ? 1 : 0;
        }

        void finish(int records, double seconds) {
            recordsPerSecond = records / seconds;
        }
    }
}
