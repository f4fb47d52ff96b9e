package org.hiehub.command.identity.matching.engine;

/**
 * How one field compared and what it weighed: what an auditor reads to see why two records were linked.
 *
 * @param level the comparison level reached, -1 when a side had no value
 * @param label the level's description ("Jaro-Winkler >= 0.88", "missing")
 * @param weight log2 Bayes factor contributed (0 when missing)
 */
public record FieldEvidence(String field, int level, String label, double weight) {
}
