package org.hiehub.replay.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.replay.bluegreen.BlueGreenRebuilder;
import org.hiehub.replay.bluegreen.RebuildProgress;
import org.springframework.stereotype.Component;

/**
 * What {@code replay status} and {@code GET /api/admin/projections} show per streaming processor of this process:
 * position (lowest over its segments), head of the log, lag, segments, replaying or not, and for projections that
 * rebuild blue/green the live version and the one being built with its progress.
 */
@Component
public class ProcessorStatusReport {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final BlueGreenRebuilder rebuilder;

    public ProcessorStatusReport(EventProcessingConfiguration processing, EventStore eventStore,
                                 BlueGreenRebuilder rebuilder) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.rebuilder = rebuilder;
    }

    public List<Map<String, Object>> all() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        List<Map<String, Object>> report = new ArrayList<>();
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .forEach(p -> report.add(describe(p, head)));
        return report;
    }

    private Map<String, Object> describe(StreamingEventProcessor processor, long head) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long position = segments.stream().map(EventTrackerStatus::getTrackingToken)
                .map(t -> t == null ? null : WrappedToken.unwrapLowerBound(t))
                .mapToLong(t -> t == null ? -1 : t.position().orElse(-1)).min().orElse(-1);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("processor", processor.getName());
        row.put("running", processor.isRunning());
        row.put("segments", segments.size());
        row.put("position", position);
        row.put("head", head);
        row.put("lag", position < 0 ? head : Math.max(0, head - position));
        row.put("replaying", segments.stream().anyMatch(EventTrackerStatus::isReplaying));
        row.put("caughtUp", !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp));
        row.put("error", segments.stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> String.valueOf(s.getError())).findFirst().orElse(null));
        if (rebuilder.rebuildable(processor.getName())) {
            RebuildProgress rebuild = rebuilder.progress(processor.getName());
            row.put("liveVersion", rebuild.live());
            row.put("buildingVersion", rebuild.building());
            row.put("rebuild", rebuild);
        }
        return row;
    }
}
