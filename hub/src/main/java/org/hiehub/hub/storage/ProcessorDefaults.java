package org.hiehub.hub.storage;

import org.axonframework.config.EventProcessingConfigurer;
import org.hiehub.hub.operations.segments.SegmentShares;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * Every processing group without its own settings runs as a pooled streaming processor with a real batch size.
 * Axon's default (a tracking processor with batch size 1) commits a token per event, which caps a replay at a
 * few hundred events per second; groups configured under {@code axon.eventhandling.processors.*} keep theirs.
 * One segment by default ({@code hub.projections.default-segments}): a pooled processor would otherwise start with
 * 16, i.e. 16 token claims and status documents per projection on a two-core machine; scale-out raises it.
 * How many of those segments this process may hold comes from {@link SegmentShares}: all of them when it runs
 * alone, its fair part when other processes run the same processor.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorDefaults {

    @Autowired
    void configure(EventProcessingConfigurer processing,
                   @Value("${hub.projections.default-batch-size:200}") int batchSize,
                   @Value("${hub.projections.default-segments:1}") int segments,
                   SegmentShares shares) {
        // the default configuration of every pooled processor, those set up by properties or in code included
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize)
                .initialSegmentCount(segments).maxSegmentProvider(shares));
    }
}
