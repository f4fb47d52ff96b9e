package org.hiehub.query.freshness;

/**
 * The state of the views a request reads, as their status said before it read any document: equal states mean the
 * views had handled the same events, so an answer composed at one state is still the answer at an equal one.
 *
 * @param marker what identifies the state (positions, open gaps and generations per view, live versions)
 * @param readAt when the status behind it began to be read ({@link System#nanoTime()}); orders two states, it is
 *     not part of their identity
 */
public record ViewState(String marker, long readAt) {

    /** The same state, also naming something else the answer depends on (a live read-model version, say). */
    public ViewState and(String name, Object value) {
        return new ViewState(marker + name + '=' + value + ' ', readAt);
    }

    /** Same views, same handled events. */
    public boolean sameAs(ViewState other) {
        return other != null && marker.equals(other.marker);
    }

    /** Read later than {@code other}: its status can only be as current or more. */
    public boolean newerThan(ViewState other) {
        return other == null || readAt - other.readAt > 0;
    }
}
