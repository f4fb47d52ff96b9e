package org.hiehub.replay.bluegreen;

import java.util.Collection;
import org.axonframework.common.transaction.TransactionManager;
import org.hiehub.projections.support.ProcessorExecutors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The streaming processor that builds one version of a projection: a pooled processor of its own, named
 * {@code <group>@v<version>}, with a fresh instance of the projection's handlers bound to that version's
 * collections. Built from Axon's public builder and the application's event source and token store, so it works
 * on the JDBC engine and Axon Server alike; its tokens are stored like any processor's, so stopping it at any point
 * and starting it again continues where it was.
 */
final class VersionProcessor {

    private final String name;
    private final int version;
    private final PooledStreamingEventProcessor processor;
    private final ProcessorExecutors executors;

    VersionProcessor(String group, int version, Object handlers, int segments, int batchSize, Configuration axon,
                     StreamableMessageSource<TrackedEventMessage<?>> source, TokenStore tokenStore,
                     TransactionManager transactions) {
        this.name = name(group, version);
        this.version = version;
        this.executors = new ProcessorExecutors(name + "-coordinator", name + "-worker", segments);
        this.processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handlers)
                        .parameterResolverFactory(axon.parameterResolverFactory())
                        .handlerDefinition(ReplayHandlerDefinition.of(axon.handlerDefinition(handlers.getClass())))
                        .build())
                .messageSource(source)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .coordinatorExecutor(executors.coordinator())
                .workerExecutor(executors.workers())
                .initialSegmentCount(segments)
                .maxClaimedSegments(segments)
                .batchSize(batchSize)
                .initialToken(StreamableMessageSource::createTailToken)
                .build();
    }

    static String name(String group, int version) {
        return group + "@v" + version;
    }

    String name() {
        return name;
    }

    int version() {
        return version;
    }

    void start() {
        processor.start();
    }

    /** Stops after the batch in hand; its tokens stay stored, so a new instance resumes from them. */
    void stop() {
        processor.shutDown();
        executors.shutdownNow();
    }

    boolean running() {
        return processor.isRunning();
    }

    Collection<EventTrackerStatus> segments() {
        return processor.processingStatus().values();
    }

    /** Every segment claimed, none failing, and each found nothing more to read the last time it looked. */
    boolean caughtUp(int expectedSegments) {
        Collection<EventTrackerStatus> status = segments();
        return status.size() >= expectedSegments
                && status.stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState());
    }

    /** True once every segment has handled at least everything {@code token} covers. */
    boolean covers(TrackingToken token, int expectedSegments) {
        Collection<EventTrackerStatus> status = segments();
        if (status.size() < expectedSegments) {
            return false;
        }
        return token == null || status.stream().map(EventTrackerStatus::getTrackingToken)
                .map(WrappedToken::unwrapLowerBound)
                .allMatch(t -> t != null && t.covers(WrappedToken.unwrapUpperBound(token)));
    }

    /** The lowest position over the segments, or {@code fallback} before any has a token. */
    long position(long fallback) {
        return segments().stream().map(EventTrackerStatus::getTrackingToken)
                .map(t -> t == null ? null : WrappedToken.unwrapLowerBound(t))
                .mapToLong(t -> t == null ? fallback : t.position().orElse(fallback)).min().orElse(fallback);
    }

    String error() {
        return segments().stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> String.valueOf(s.getError())).findFirst().orElse(null);
    }
}
