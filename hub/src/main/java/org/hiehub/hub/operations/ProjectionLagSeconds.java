package org.hiehub.hub.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code hub_projection_lag_seconds} per processor: how long it has been behind the log's head ({@link ViewLag},
 * whose head this samples every 250 ms; 0 once caught up). It complements {@code hub_projection_lag_events}: a
 * thousand events behind is nothing during a burst and a lot when nothing moves; a stalled processor's lag grows
 * by the clock. Before, the age of the newest event a processor had handled stood for its lag, and a processor that
 * skips most events (consent) showed the time since it last handled one — minutes — during any ingestion.
 */
class ProjectionLagSeconds implements ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private final ViewLag lag;
    private final MeterRegistry registry;

    ProjectionLagSeconds(EventProcessingConfiguration processing, ViewLag lag, MeterRegistry registry) {
        this.processing = processing;
        this.lag = lag;
        this.registry = registry;
    }

    @Scheduled(fixedDelay = 250)
    void sample() {
        lag.sample();
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> Gauge.builder("hub.projection.lag.seconds", processor, lag::seconds)
                        .description("how long the processor has been behind the log's head (0 once caught up)")
                        .baseUnit("seconds").tag("processor", processor.getName()).register(registry));
    }
}
