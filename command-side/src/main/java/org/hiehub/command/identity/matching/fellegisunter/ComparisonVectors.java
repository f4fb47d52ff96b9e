package org.hiehub.command.identity.matching.fellegisunter;

/**
 * The outcome of comparing many record pairs: for each pair the level each comparison reached ({@code -1}: a
 * value was missing) and, optionally, the term frequency of the agreeing value per comparison (0: none).
 */
public record ComparisonVectors(int[][] levels, double[][] termFrequencies) {

    public ComparisonVectors {
        if (termFrequencies != null && termFrequencies.length != levels.length) {
            throw new IllegalArgumentException("one term-frequency row per pair expected");
        }
    }

    public int pairs() {
        return levels.length;
    }

    public double[] termFrequencies(int pair) {
        return termFrequencies == null ? null : termFrequencies[pair];
    }
}
