package org.hiehub.hub.operations;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.hiehub.command.ingest.CorrelationId;
import org.hiehub.command.ingest.IngestionPacing;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.command.ingest.hl7v2.MllpProperties;
import org.hiehub.hub.operations.segments.SegmentShares;
import org.hiehub.projections.status.ProjectionMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What an operator watches: health of the event store, the read store (see {@code ReadStoreHealthIndicator}), the
 * MLLP listener and each event processor; metrics beyond the modules' own (events appended, projection lag in
 * seconds; Spring's {@code http_server_requests_seconds} covers API latency); and correlation ids from the HTTP
 * request or HL7 message through Axon's metadata into every processor's log lines.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean("eventStoreHealthIndicator")
    EventStoreHealthIndicator eventStoreHealthIndicator(EventStore eventStore,
                                                        @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        return new EventStoreHealthIndicator(eventStore, axonServer ? "axonserver" : "jdbc");
    }

    @Bean("eventProcessorsHealthIndicator")
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                  TokenStore tokenStore,
                                                                  SegmentShares shares) {
        return new EventProcessorsHealthIndicator(processing, tokenStore, shares);
    }

    @Bean("mllpHealthIndicator")
    @ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('command')")
    MllpHealthIndicator mllpHealthIndicator(MllpListener listener, MllpProperties properties) {
        return new MllpHealthIndicator(listener, properties);
    }

    /** One record of the log's head over time, for the lag gauges and for ingestion pacing. */
    @Bean
    ViewLag viewLag(EventProcessingConfiguration processing, EventStore eventStore) {
        return new ViewLag(processing, () -> ProjectionMetrics.head(eventStore), System::nanoTime);
    }

    @Bean
    ProjectionLagSeconds projectionLagSeconds(EventProcessingConfiguration processing, ViewLag lag,
                                              MeterRegistry registry) {
        return new ProjectionLagSeconds(processing, lag, registry);
    }

    /** Ingestion waits for this process's projections (see {@link ViewLagPacing}); only where messages come in. */
    @Bean
    @ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('command')")
    IngestionPacing ingestionPacing(ViewLag lag, IngestionProperties ingestion, MeterRegistry registry) {
        List<String> views = ingestion.pacing().views();
        return new ViewLagPacing(() -> lag.liveSeconds(views), ingestion.pacing(), registry, System::nanoTime);
    }

    /** Events caused by a command carry the command's correlation id. */
    @Bean
    CorrelationDataProvider hubCorrelationIdProvider() {
        return new SimpleCorrelationDataProvider(CorrelationId.METADATA_KEY);
    }

    /** Axon's own (causation and trace ids): its auto-configuration drops it once any other provider is a bean. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    FilterRegistrationBean<CorrelationFilter> correlationFilter() {
        FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(new CorrelationFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
