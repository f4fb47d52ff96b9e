package org.hiehub.hub.operations;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hiehub.projections.status.ProjectionMetrics;

/**
 * How long the named views of this process have been behind the event log, measured as a reader sees it: each
 * {@link #seconds()} reads the log's head and keeps it with the time it was seen; a view that has not yet handled
 * the head seen at some time is behind by the time since then (the oldest such sample). Positions alone, not the
 * events' timestamps: a view whose handlers skip most events (consent, say) would otherwise look behind since it last
 * handled one. Only views running here, holding a segment, not replaying and not in error count.
 */
final class ViewLag {

    /** Samples older than this are dropped: a view this far behind is behind by at least this much. */
    private static final long HISTORY_NANOS = 600_000_000_000L;
    private final EventProcessingConfiguration processing;
    private final List<String> views;
    private final LongSupplier head;
    private final LongSupplier nanoTime;
    private final Deque<long[]> samples = new ArrayDeque<>();

    ViewLag(EventProcessingConfiguration processing, List<String> views, LongSupplier head, LongSupplier nanoTime) {
        this.processing = processing;
        this.views = List.copyOf(views);
        this.head = head;
        this.nanoTime = nanoTime;
    }

    /** The largest lag, in seconds, over the views (0 when each has handled the head as read now). */
    synchronized double seconds() {
        long now = nanoTime.getAsLong();
        long headNow = head.getAsLong();
        if (samples.isEmpty() || samples.peekLast()[1] != headNow) {
            samples.addLast(new long[] {now, headNow});
        }
        while (samples.size() > 1 && now - samples.peekFirst()[0] > HISTORY_NANOS) {
            samples.removeFirst();
        }
        long behindSince = now;
        for (String view : views) {
            long position = position(view);
            for (long[] sample : samples) {
                if (sample[1] > position) {
                    behindSince = Math.min(behindSince, sample[0]);
                    break;
                }
            }
        }
        return (now - behindSince) / 1e9;
    }

    /** The view's position, or {@code Long.MAX_VALUE} when it does not count here (never behind). */
    private long position(String view) {
        return processing.eventProcessor(view, StreamingEventProcessor.class)
                .filter(p -> p.isRunning() && !p.isReplaying() && !p.isError())
                .filter(p -> !p.processingStatus().isEmpty()
                        && p.processingStatus().values().stream().noneMatch(EventTrackerStatus::isErrorState))
                .map(p -> (long) ProjectionMetrics.position(p))
                .orElse(Long.MAX_VALUE);
    }
}
