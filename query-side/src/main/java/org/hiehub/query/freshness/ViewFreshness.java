package org.hiehub.query.freshness;

import java.time.Duration;
import org.hiehub.projections.status.ProjectionStatus;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: a client that just wrote passes the position the command API returned; the read waits until
 * the view has handled that position, or answers 503 when it does not in time. Every answer says which
 * position the view had reached ({@code X-Hub-View-Position}).
 */
@Component
public class ViewFreshness {

    public static final String POSITION_HEADER = "X-Hub-View-Position";
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;
    private final ProjectionStatus status;

    public ViewFreshness(ProjectionStatus status) {
        this.status = status;
    }

    /** Waits until {@code view} has reached {@code minPosition} (if given); throws {@link ViewNotCurrent} if not. */
    public void await(String view, Long minPosition, Duration wait) {
        if (minPosition == null) {
            return;
        }
        long deadline = System.nanoTime() + min(wait, MAX_WAIT).toNanos();
        while (!status.hasReached(view, minPosition)) {
            if (System.nanoTime() > deadline) {
                throw new ViewNotCurrent(view, minPosition, currentPosition(view));
            }
            sleep();
        }
    }

    public long currentPosition(String view) {
        return status.position(view).orElse(-1);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the view", e);
        }
    }

    /** The view did not reach the requested position within the wait. */
    public static class ViewNotCurrent extends RuntimeException {
        private final long current;

        ViewNotCurrent(String view, long wanted, long current) {
            super("view " + view + " has not reached event position " + wanted + " yet (it is at " + current + ")");
            this.current = current;
        }

        public long current() {
            return current;
        }
    }
}
