package org.hiehub.query.freshness;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.hiehub.projections.status.ProjectionStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Read-your-writes: a client that just wrote passes the position the command API returned; the read waits until
 * the view has handled that position, or answers 503 when it does not in time. Every answer says which
 * position the view had reached ({@code X-Hub-View-Position}).
 *
 * <p>One request sees one status snapshot for all the views it reads. Without a position to wait for, that snapshot
 * may be one another request read a few milliseconds ago ({@code hub.query.status-max-age-ms}): the status is read
 * before the documents, so an older one only understates how current the answer is. A wait always polls afresh.
 */
@Component
public class ViewFreshness {

    public static final String POSITION_HEADER = "X-Hub-View-Position";
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;
    private static final String ATTRIBUTE = ViewFreshness.class.getName() + ".snapshot";
    private final RecentStatus recent;

    @Autowired
    public ViewFreshness(ProjectionStatus status, @Value("${hub.query.status-max-age-ms:50}") long maxAgeMillis) {
        this.recent = new RecentStatus(status, maxAgeMillis);
    }

    public ViewFreshness(ProjectionStatus status) {
        this(status, 0);
    }

    /** Waits until {@code view} has reached {@code minPosition} (if given); throws {@link ViewNotCurrent} if not. */
    public void await(String view, Long minPosition, Duration wait) {
        await(List.of(view), minPosition, wait);
    }

    /** Waits until every one of {@code views} has reached {@code minPosition} (if given), reading each poll once. */
    public void await(Collection<String> views, Long minPosition, Duration wait) {
        ProjectionStatus.Snapshot snapshot = forRequest().snapshot(); // taken before the request reads any document
        if (minPosition == null) {
            return;
        }
        if (reached(snapshot, views, minPosition)) {
            return;
        }
        long deadline = System.nanoTime() + min(wait, MAX_WAIT).toNanos();
        while (true) {
            RecentStatus.Taken taken = recent.fresh();
            useForRequest(taken);
            snapshot = taken.snapshot();
            if (reached(snapshot, views, minPosition)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ProjectionStatus.Snapshot last = snapshot;
                String behind = views.stream().filter(v -> !reached(last, List.of(v), minPosition))
                        .findFirst().orElse(views.iterator().next());
                throw new ViewNotCurrent(behind, minPosition, currentPosition(behind));
            }
            sleep();
        }
    }

    public long currentPosition(String view) {
        return forRequest().snapshot().position(view).orElse(-1);
    }

    /**
     * The state of {@code views} this request reads at, from the request's snapshot (see
     * {@link ProjectionStatus.Snapshot#marker}). Taken before any document is read, like the positions, so whatever
     * the request composes reflects at least this state.
     */
    public ViewState state(Collection<String> views) {
        return forRequest().state(views);
    }

    private static boolean reached(ProjectionStatus.Snapshot snapshot, Collection<String> views, long position) {
        return views.stream().allMatch(view -> snapshot.hasReached(view, position));
    }

    /** The request's snapshot, taken on first use; a recent one outside a request. */
    private RecentStatus.Taken forRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return recent.get();
        }
        if (request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof RecentStatus.Taken taken) {
            return taken;
        }
        RecentStatus.Taken taken = recent.get();
        request.setAttribute(ATTRIBUTE, taken, RequestAttributes.SCOPE_REQUEST);
        return taken;
    }

    private static void useForRequest(RecentStatus.Taken taken) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, taken, RequestAttributes.SCOPE_REQUEST);
        }
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
