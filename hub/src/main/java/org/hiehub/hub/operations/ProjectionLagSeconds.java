package org.hiehub.hub.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.hiehub.projections.status.ProjectionMetrics;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * {@code hub_projection_lag_seconds} per processor: while a processor is behind the head of the event log, how old
 * the newest event it has handled is (0 once caught up). It complements {@code hub_projection_lag_events}: a
 * thousand events behind is nothing during a burst and a lot when nothing moves. The timestamps come from the
 * events themselves as the processor handles them, so a stalled processor's lag grows by the clock.
 */
class ProjectionLagSeconds implements ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastHandled = new ConcurrentHashMap<>();
    private final long startedAt;

    ProjectionLagSeconds(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry,
                         Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    MessageHandlerInterceptor<EventMessage<?>> recorderFor(String processor) {
        AtomicLong latest = lastHandled.computeIfAbsent(processor, p -> new AtomicLong(startedAt));
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            long at = unitOfWork.getMessage().getTimestamp().toEpochMilli();
            latest.accumulateAndGet(at, Math::max);
            return result;
        };
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> Gauge.builder("hub.projection.lag.seconds", processor, this::lagSeconds)
                        .description("age of the newest event handled while the processor is behind the log's head")
                        .baseUnit("seconds").tag("processor", processor.getName()).register(registry));
    }

    double lagSeconds(StreamingEventProcessor processor) {
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? 0 : head.position().orElse(0);
        if (headPosition <= ProjectionMetrics.position(processor)) {
            return 0;
        }
        long latest = lastHandled.computeIfAbsent(processor.getName(), p -> new AtomicLong(startedAt)).get();
        return Math.max(0, clock.millis() - latest) / 1000.0;
    }
}
