package org.hiehub.hub.storage;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * Every processing group without its own settings runs as a pooled streaming processor with a real batch size.
 * Axon's default (a tracking processor with batch size 1) commits a token per event, which caps a replay at a
 * few hundred events per second; groups configured under {@code axon.eventhandling.processors.*} keep theirs.
 * One segment by default ({@code hub.projections.default-segments}): a pooled processor would otherwise start with
 * 16, i.e. 16 token claims and status documents per projection on a two-core machine; scale-out raises it.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorDefaults {

    @Autowired
    void configure(EventProcessingConfigurer processing,
                   @Value("${hub.projections.default-batch-size:200}") int batchSize,
                   @Value("${hub.projections.default-segments:1}") int segments) {
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize)
                .initialSegmentCount(segments));
    }
}
