package org.hiehub.query.freshness;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hiehub.projections.status.ProjectionStatus;

/**
 * The projection status shared by concurrent requests for at most {@code maxAgeMillis}: under load, one read of the
 * status collection serves every request of that window instead of one (or five) per request. A fresh read
 * replaces the shared one only if it was started later, so the shared snapshot never goes back in time.
 * <p>
 * When the shared snapshot ages out, one request reads the status again; requests arriving while it does keep the
 * aged one, for at most another {@code maxAgeMillis}, instead of all reading at once. Past that, each reads its own.
 */
final class RecentStatus {

    private final ProjectionStatus status;
    private final long maxAgeNanos;
    private final AtomicReference<Taken> shared = new AtomicReference<>();
    private final AtomicBoolean reading = new AtomicBoolean();

    RecentStatus(ProjectionStatus status, long maxAgeMillis) {
        this.status = status;
        this.maxAgeNanos = maxAgeMillis * 1_000_000;
    }

    Taken get() {
        Taken taken = shared.get();
        if (taken == null) {
            return fresh();
        }
        long age = System.nanoTime() - taken.startedAt();
        if (age <= maxAgeNanos) {
            return taken;
        }
        if (age > 2 * maxAgeNanos) {
            return fresh();
        }
        if (!reading.compareAndSet(false, true)) {
            return taken; // another request is reading the status now
        }
        try {
            return fresh();
        } finally {
            reading.set(false);
        }
    }

    Taken fresh() {
        long startedAt = System.nanoTime();
        Taken taken = new Taken(status.snapshot(), startedAt);
        shared.accumulateAndGet(taken, (current, next) ->
                current == null || next.startedAt() - current.startedAt() > 0 ? next : current);
        return taken;
    }

    /**
     * A snapshot and when its read began ({@link System#nanoTime()}): of two, the later-started is the newer. The
     * view states derived from it are kept with it: every request sharing the snapshot reads the same state.
     */
    static final class Taken {

        private final ProjectionStatus.Snapshot snapshot;
        private final long startedAt;
        private final Map<Collection<String>, ViewState> states = new ConcurrentHashMap<>();

        Taken(ProjectionStatus.Snapshot snapshot, long startedAt) {
            this.snapshot = snapshot;
            this.startedAt = startedAt;
        }

        ProjectionStatus.Snapshot snapshot() {
            return snapshot;
        }

        long startedAt() {
            return startedAt;
        }

        ViewState state(Collection<String> views) {
            ViewState known = states.get(views);
            if (known != null) {
                return known;
            }
            StringBuilder key = new StringBuilder();
            boolean unknown = false;
            for (String view : views) {
                String marker = snapshot.marker(view);
                unknown |= marker.startsWith(ProjectionStatus.UNKNOWN_MARKER);
                key.append(view).append('=').append(marker).append(' ');
            }
            ViewState state = new ViewState(key.toString(), startedAt);
            if (!unknown) { // an unknown state equals no other, not even one read from the same snapshot
                states.put(List.copyOf(views), state);
            }
            return state;
        }
    }
}
