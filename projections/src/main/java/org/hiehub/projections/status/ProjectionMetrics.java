package org.hiehub.projections.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Projection lag per processor for Prometheus: {@code hub_projection_lag_events} (head of the event log minus
 * the lowest position of this process's segments) and {@code hub_projection_position}. Read at scrape time from
 * Axon's own processing status, so it costs nothing between scrapes.
 */
public class ProjectionMetrics implements ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;

    public ProjectionMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    /** Axon builds its processors while the context starts; their gauges are registered once it has. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> {
                    Gauge.builder("hub.projection.position", processor, ProjectionMetrics::position)
                            .tag("processor", processor.getName()).register(registry);
                    Gauge.builder("hub.projection.lag.events", processor,
                                    p -> Math.max(0, head(eventStore) - position(p)))
                            .tag("processor", processor.getName()).register(registry);
                });
    }

    /** The log's head position (0 for an empty log), on the JDBC engine and on Axon Server alike. */
    public static long head(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** The lowest position over the segments this process holds: everything up to it is handled here. */
    public static double position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .mapToLong(token -> token == null ? 0 : token.position().orElse(0))
                .min().orElse(0);
    }
}
