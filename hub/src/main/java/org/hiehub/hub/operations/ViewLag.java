package org.hiehub.hub.operations;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hiehub.projections.status.ProjectionMetrics;

/**
 * How long views of this process have been behind the event log, measured as a reader sees it: {@link #sample()}
 * reads the log's head and keeps it with the time it was seen; a view that has not yet handled the head seen at
 * some time is behind by the time since then (the oldest such sample). Positions, not the events' timestamps: a
 * view whose handlers skip most events (consent, say) would otherwise look behind since it last handled one, and
 * a stalled view's lag grows by the clock. Samples are kept for ten minutes; a view further behind shows that much.
 */
final class ViewLag {

    private static final long HISTORY_NANOS = 600_000_000_000L;
    private final EventProcessingConfiguration processing;
    private final LongSupplier head;
    private final LongSupplier nanoTime;
    private final Deque<long[]> samples = new ArrayDeque<>();

    ViewLag(EventProcessingConfiguration processing, LongSupplier head, LongSupplier nanoTime) {
        this.processing = processing;
        this.head = head;
        this.nanoTime = nanoTime;
    }

    /** Reads the log's head now. */
    synchronized void sample() {
        long now = nanoTime.getAsLong();
        long headNow = head.getAsLong();
        if (samples.isEmpty() || samples.peekLast()[1] != headNow) {
            samples.addLast(new long[] {now, headNow});
        }
        while (samples.size() > 1 && now - samples.peekFirst()[0] > HISTORY_NANOS) {
            samples.removeFirst();
        }
    }

    /**
     * Samples the head, then the largest lag in seconds over the views that follow the log live here: running,
     * holding a segment in this process, not replaying (a reset view catching up is behind by design), no segment in
     * error (that is for the health check to report). 0 when each has handled the head as read now.
     */
    double liveSeconds(Collection<String> views) {
        sample();
        double lag = 0;
        for (String view : views) {
            var processor = processing.eventProcessor(view, StreamingEventProcessor.class)
                    .filter(p -> p.isRunning() && !p.isReplaying() && !p.isError())
                    .filter(p -> p.processingStatus().values().stream().noneMatch(EventTrackerStatus::isErrorState));
            if (processor.isPresent()) {
                lag = Math.max(lag, seconds(processor.get()));
            }
        }
        return lag;
    }

    /** The processor's lag in seconds by the samples so far; 0 when it holds no segment here. */
    synchronized double seconds(StreamingEventProcessor processor) {
        if (processor.processingStatus().isEmpty()) {
            return 0;
        }
        long position = (long) ProjectionMetrics.position(processor);
        long now = nanoTime.getAsLong();
        for (long[] sample : samples) {
            if (sample[1] > position) {
                return Math.max(0, now - sample[0]) / 1e9;
            }
        }
        return 0;
    }
}
