package org.hiehub.hub.storage;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * Every processing group without its own settings runs as a pooled streaming processor with a real batch size.
 * Axon's default (a tracking processor with batch size 1) commits a token per event, which caps a replay at a
 * few hundred events per second; groups configured under {@code axon.eventhandling.processors.*} keep theirs.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorDefaults {

    @Autowired
    void configure(EventProcessingConfigurer processing,
                   @Value("${hub.projections.default-batch-size:200}") int batchSize) {
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize));
    }
}
