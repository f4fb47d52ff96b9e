package org.hiehub.projections.caregaps;

/** One open gap: which rule, what it asks for, the guideline behind it, and the latest evidence found (or null). */
public record CareGap(String rule, String description, String guideline, String lastEvidence) {
}
