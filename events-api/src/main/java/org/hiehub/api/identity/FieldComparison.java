package org.hiehub.api.identity;

/**
 * How one field of two records compared in a match decision: the comparison level reached, its description
 * ("Jaro-Winkler >= 0.88", "missing") and the log2 Bayes factor it contributed. Never the compared values.
 */
public record FieldComparison(String field, int level, String label, double weight) {
}
