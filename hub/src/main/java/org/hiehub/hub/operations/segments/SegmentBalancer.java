package org.hiehub.hub.operations.segments;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lets several projection processes share each pooled processor's segments instead of the first one holding them
 * all. Without Axon Server Enterprise nothing balances the work, so every few seconds each process says which
 * processors it runs (a heartbeat in {@code processor_member}), reads who else is alive and how many segments each
 * processor has, and sets its {@link FairShare} in {@link SegmentShares}, which Axon's coordinator obeys. A process
 * killed outright stops beating: once its heartbeat is older than the token claim timeout it no longer counts, so
 * the others' shares grow just as its claims expire, and they take its segments over.
 * <p>
 * Starts just before the event processors (so their first claim round already knows the share) and stops just
 * after them (their claims are released first, then it leaves the table).
 */
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ProcessorMembers members;
    private final SegmentShares shares;
    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private final Duration timeout;
    private final String me = ManagementFactory.getRuntimeMXBean().getName() + "#"
            + UUID.randomUUID().toString().substring(0, 8);
    private ScheduledExecutorService scheduler;

    SegmentBalancer(ProcessorMembers members, SegmentShares shares, EventProcessingConfiguration processing,
                    Duration interval, Duration timeout) {
        this.members = members;
        this.shares = shares;
        this.processing = processing;
        this.interval = interval;
        this.timeout = timeout;
    }

    @Override
    public synchronized void start() {
        try {
            members.forgetOlderThan(timeout.multipliedBy(100));
        } catch (RuntimeException e) {
            log.warn("Could not clear old processor members ({})", e.getClass().getSimpleName());
        }
        rebalanceQuietly();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::rebalanceQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            // a round still running could beat again after we left, and the others would wait for it to age
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        try {
            members.leave(me);
        } catch (RuntimeException e) {
            log.warn("Could not leave the processor membership ({}); the others wait for the heartbeat to age",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** One below Axon's event processors: started before them, stopped after them. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS - 1;
    }

    private void rebalance() {
        Set<String> mine = processorsHere();
        if (mine.isEmpty()) {
            return;
        }
        members.heartbeat(me, mine);
        Map<String, SegmentShare> next = FairShare.of(me, mine, members.segmentCounts(), members.live(timeout));
        String changed = new TreeMap<>(next).entrySet().stream()
                .filter(e -> !e.getValue().equals(shares.of(e.getKey()).orElse(null)))
                .map(e -> e.getKey() + " " + e.getValue().target() + " of " + e.getValue().segments() + " among "
                        + e.getValue().processes())
                .collect(Collectors.joining(", "));
        if (!changed.isEmpty()) {
            log.info("Segments this process may hold now: {}", changed);
        }
        shares.replaceWith(next);
    }

    /** A failed round keeps the last shares: the database being away stops the processors too. */
    private void rebalanceQuietly() {
        try {
            rebalance();
        } catch (RuntimeException e) {
            log.warn("Segment balancing round failed ({}); keeping the last shares", e.getClass().getSimpleName());
        }
    }

    /**
     * The pooled processors of this process that could work: one whose coordinator is in error (e.g. its token
     * store unreachable) does not count, so the others may take its part. One not running counts: in the first
     * round the processors are about to start, and one stopped for a rebuild runs again soon.
     */
    private Set<String> processorsHere() {
        return processing.eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance)
                .map(PooledStreamingEventProcessor.class::cast)
                .filter(processor -> !processor.isError())
                .map(PooledStreamingEventProcessor::getName)
                .collect(Collectors.toSet());
    }
}
