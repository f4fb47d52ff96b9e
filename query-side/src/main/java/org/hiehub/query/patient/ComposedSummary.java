package org.hiehub.query.patient;

import java.util.Map;

/**
 * A summary as answered, kept by {@link org.hiehub.query.freshness.ComposedAnswers}: its JSON, the master patient a
 * retired id redirects to (or null), and what it returns per kind, for the access audit of every read served from it.
 */
record ComposedSummary(byte[] json, String survivor, Map<String, Integer> returned) {
}
