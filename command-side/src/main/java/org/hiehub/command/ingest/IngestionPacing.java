package org.hiehub.command.ingest;

/**
 * Holds an incoming message back while the read models are too far behind the event log, so that a sustained burst
 * slows its senders — the MLLP ACK or the HTTP answer comes later — instead of leaving every reader with views
 * minutes old. The hub's implementation watches its own projections ({@code hub.ingest.pacing.*}); it waits a
 * bounded time and never refuses a message.
 */
@FunctionalInterface
public interface IngestionPacing {

    /** No pacing: a process whose views are elsewhere, or tests of the command side alone. */
    IngestionPacing NONE = () -> {
    };

    /** Returns once the views are close enough to the log's head, or the longest wait has passed. */
    void awaitViews();
}
