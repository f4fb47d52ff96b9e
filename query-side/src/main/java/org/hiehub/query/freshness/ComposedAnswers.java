package org.hiehub.query.freshness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers composed from views, kept for as long as the views stay in the state they were composed at. A summary
 * merges five views and a {@code $everything} page decodes a whole timeline, yet between two events every reader
 * of a patient gets the same answer; this keeps it, keyed by what was asked and validated by the {@link ViewState}
 * the request read before any document. When a newer state is seen, every answer of the older one is dropped at
 * once: nothing outlives a change of the views (an erasure included), and memory holds one state's answers.
 * <p>
 * Only what does not depend on the caller belongs here: consent is decided on every read, and a caller whose
 * consent decision hides anything is answered without this cache.
 *
 * @param <V> the composed answer
 */
public final class ComposedAnswers<V> {

    private final int maxEntries;
    private volatile Generation<V> current = new Generation<>(null);

    /** @param maxEntries answers kept for one state at most; further ones are composed but not kept */
    public ComposedAnswers(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The answer composed for {@code key} at a state equal to {@code state}, or null. */
    public V get(String key, ViewState state) {
        Generation<V> generation = current;
        return state.sameAs(generation.state) ? generation.answers.get(key) : null;
    }

    /**
     * Keeps an answer composed at {@code state} (read before the answer's documents). A request that read an older
     * state than the one kept (its status snapshot was shared from before) keeps nothing.
     */
    public void put(String key, ViewState state, V answer) {
        Generation<V> generation = current;
        if (!state.sameAs(generation.state)) {
            if (!state.newerThan(generation.state)) {
                return;
            }
            synchronized (this) {
                if (!state.sameAs(current.state) && state.newerThan(current.state)) {
                    current = new Generation<>(state);
                }
                generation = current;
            }
            if (!state.sameAs(generation.state)) {
                return;
            }
        }
        if (generation.answers.size() < maxEntries) {
            generation.answers.put(key, answer);
        }
    }

    private static final class Generation<V> {
        private final ViewState state;
        private final Map<String, V> answers = new ConcurrentHashMap<>();

        Generation(ViewState state) {
            this.state = state;
        }
    }
}
