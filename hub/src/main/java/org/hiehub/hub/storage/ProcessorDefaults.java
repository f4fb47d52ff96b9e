package org.hiehub.hub.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfigurer;
import org.hiehub.hub.operations.segments.SegmentShares;
import org.hiehub.projections.support.ProcessorExecutors;
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
 * <p>
 * Each processor's threads are Axon's usual ones (a coordinator, four workers, the same names) but come from
 * {@link ProcessorExecutors}: under a burst of ingestion a processor's queue fills, and its coordinator then waited a
 * fixed 100 ms for room that its worker had made long before.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorDefaults {

    /** As many as Axon gives a pooled processor by default. */
    private static final int WORKER_THREADS = 4;

    @Autowired
    void configure(EventProcessingConfigurer processing,
                   @Value("${hub.projections.default-batch-size:200}") int batchSize,
                   @Value("${hub.projections.default-segments:1}") int segments,
                   SegmentShares shares) {
        // the default configuration of every pooled processor, those set up by properties or in code included
        Map<String, ProcessorExecutors> executors = new ConcurrentHashMap<>();
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(batchSize)
                .initialSegmentCount(segments).maxSegmentProvider(shares)
                .coordinatorExecutor(name -> executors(executors, configuration, name).coordinator())
                .workerExecutor(name -> executors(executors, configuration, name).workers()));
    }

    /** One pair per processor: the coordinator and the workers are asked for apart, by the processor's name. */
    private static ProcessorExecutors executors(Map<String, ProcessorExecutors> all,
                                                org.axonframework.config.Configuration configuration, String name) {
        return all.computeIfAbsent(name, n -> {
            ProcessorExecutors created = new ProcessorExecutors("Coordinator[" + n + "]", "WorkPackage[" + n + "]",
                    WORKER_THREADS);
            configuration.onShutdown(created::shutdown);
            return created;
        });
    }
}
