package org.hiehub.hub.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.hiehub.hub.operations.segments.SegmentShares;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The state of each event processor in this process: running, in error (a segment backing off after a failure,
 * e.g. the read store being away), replaying, the segments it has claimed out of all segments in the token store
 * (another process may hold the rest), this process's fair share of them when several processes run the processor,
 * and how many event sequences it has dead-lettered. Down when a processor
 * has stopped or is failing; a parked poison event alone is reported, not treated as down.
 */
class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final SegmentShares shares;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, TokenStore tokenStore,
                                   SegmentShares shares) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.shares = shares;
    }

    @Override
    public Health health() {
        Map<String, Object> processors = new LinkedHashMap<>();
        boolean healthy = true;
        for (StreamingEventProcessor processor : streaming()) {
            Map<String, Object> detail = describe(processor);
            healthy &= processor.isRunning() && !processor.isError();
            processors.put(processor.getName(), detail);
        }
        return (healthy ? Health.up() : Health.down()).withDetails(processors).build();
    }

    private Map<String, Object> describe(StreamingEventProcessor processor) {
        Map<String, Object> detail = new LinkedHashMap<>();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        detail.put("running", processor.isRunning());
        detail.put("error", processor.isError());
        detail.put("replaying", processor.isReplaying());
        detail.put("segmentsClaimed", status.keySet().stream().sorted().toList());
        detail.put("segmentsTotal", totalSegments(processor.getName()));
        shares.of(processor.getName()).ifPresent(share -> {
            detail.put("segmentsShare", share.target());
            detail.put("processesSharing", share.processes());
        });
        List<String> errors = status.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> s.getError() == null ? "unknown" : s.getError().getClass().getSimpleName()).toList();
        if (!errors.isEmpty()) {
            detail.put("segmentErrors", errors);
        }
        processing.deadLetterQueue(processor.getName()).ifPresent(queue -> detail.put("deadLetteredSequences",
                deadLettered(queue)));
        return detail;
    }

    private Object totalSegments(String processor) {
        try {
            return tokenStore.fetchSegments(processor).length;
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static Object deadLettered(SequencedDeadLetterQueue<?> queue) {
        try {
            return queue.amountOfSequences();
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private List<StreamingEventProcessor> streaming() {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }
}
