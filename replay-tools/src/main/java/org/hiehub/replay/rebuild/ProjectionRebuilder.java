package org.hiehub.replay.rebuild;

import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Service;

/**
 * Rebuilds a projection from the event log: stops its processor, resets its tokens (which calls the
 * projection's {@code @ResetHandler} to clear what it owns) and starts it again, replaying from the first event.
 * Blue/green rebuilds, which keep the old view serving meanwhile, build on this.
 */
@Service
public class ProjectionRebuilder {

    private final EventProcessingConfiguration processing;

    public ProjectionRebuilder(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public List<String> projections() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(p -> p.getName()).sorted().toList();
    }

    public void rebuild(String projection) {
        StreamingEventProcessor processor = streaming(projection)
                .orElseThrow(() -> new UnknownProjection(projection, projections()));
        if (!processor.supportsReset()) {
            // e.g. the event-chain recorder: checked before stopping it, or a refused reset would leave it stopped
            throw new IllegalStateException("'" + projection + "' cannot be rebuilt from the event log");
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private Optional<StreamingEventProcessor> streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    /** No streaming processor by that name runs in this process. */
    public static class UnknownProjection extends RuntimeException {
        UnknownProjection(String name, List<String> known) {
            super("no projection '" + name + "' runs in this process; known: " + known);
        }
    }
}
