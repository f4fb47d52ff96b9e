package org.hiehub.query.fhir;

import java.util.Map;

/**
 * A {@code $everything} page as answered, kept by {@link org.hiehub.query.freshness.ComposedAnswers}: the encoded
 * Bundle, the master patient whose consent decides each read of it, and what it returns per type for the audit.
 */
record EverythingPage(String json, String masterPatientId, Map<String, Integer> returned) {
}
