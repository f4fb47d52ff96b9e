package org.hiehub.projections.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Where in the event log a handled event stands, from the token its processor hands the handler.
 * <p>
 * A gap-aware token (Axon's JDBC event store) is a stream's high-water mark: an event whose transaction committed
 * after later events' (another connection's message, slower to commit) fills a gap below the mark, and its token's
 * position is the highest index read so far, not its own. A live processor meets such events; a rebuild, reading a
 * settled log, does not — so a view keeping positions (a visit's words, alerts) came out different after a rebuild
 * ({@code BlueGreenRebuildTest} caught one entry at 4025 live and 4019 rebuilt). The event store that makes such
 * tokens tells the position of each gap filler here ({@link #filledGap}); every other token's position is its event's
 * own (Axon Server's global sequence always is).
 */
public final class LogPosition {

    /** Gap fillers read and not yet handled are few (a processor reads ahead at most a few thousand events). */
    private static final int REMEMBERED = 4_096;
    private static final Map<Identity, Long> GAP_FILLERS = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    private LogPosition() {
    }

    /** The global event-log position; -1 when unknown (a plain-object call without a token). */
    public static long of(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        Long filled = WrappedToken.unwrap(token, GapAwareTrackingToken.class).map(LogPosition::filled).orElse(null);
        return filled != null ? filled : token.position().orElse(-1);
    }

    /**
     * For an event store: the event read with {@code token} (that very object, which the processor hands on) filled a
     * gap and stands at {@code position}, below the token's own.
     */
    public static void filledGap(GapAwareTrackingToken token, long position) {
        synchronized (GAP_FILLERS) {
            GAP_FILLERS.put(new Identity(token), position);
        }
    }

    private static Long filled(GapAwareTrackingToken token) {
        synchronized (GAP_FILLERS) {
            return GAP_FILLERS.isEmpty() ? null : GAP_FILLERS.get(new Identity(token));
        }
    }

    /** A token compared by identity: equal gap-aware tokens of two streams may be two different events. */
    private record Identity(TrackingToken token) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.token == token;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(token);
        }
    }
}
