package org.hiehub.command.identity.matching.fellegisunter;

import java.util.List;
import java.util.Random;
import org.hiehub.command.identity.matching.compare.FieldComparator;

/**
 * Estimates u — how often each level occurs between different persons — from random record pairs, as Splink's
 * {@code estimate_u_using_random_sampling} does: almost every random pair is a non-match, so level frequencies
 * among them approximate u directly, and do so without the bias that blocking puts on EM-estimated u.
 * Counts are smoothed by half a pair per level so that a level never seen (SSN equal by chance) gets a small,
 * finite u instead of an infinite Bayes factor.
 */
public final class RandomPairsU {

    private RandomPairsU() {
    }

    /** u per comparison and level; pairs are drawn from left × right (pass the same list twice to dedupe). */
    public static <T> double[][] estimate(List<T> left, List<T> right, List<FieldComparator<T>> comparators,
                                          int samples, long seed) {
        double[][] counts = new double[comparators.size()][];
        for (int c = 0; c < comparators.size(); c++) {
            counts[c] = new double[comparators.get(c).levels().size()];
        }
        Random random = new Random(seed);
        for (int s = 0; s < samples; s++) {
            int i = random.nextInt(left.size());
            int j = random.nextInt(right.size());
            if (left == right && i == j) {
                continue;
            }
            for (int c = 0; c < comparators.size(); c++) {
                int level = comparators.get(c).compare(left.get(i), right.get(j));
                if (level >= 0) {
                    counts[c][level]++;
                }
            }
        }
        double[][] u = new double[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            double total = 0;
            for (double count : counts[c]) {
                total += count + 0.5;
            }
            u[c] = new double[counts[c].length];
            for (int l = 0; l < counts[c].length; l++) {
                u[c][l] = (counts[c][l] + 0.5) / total;
            }
        }
        return u;
    }
}
