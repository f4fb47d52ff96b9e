package org.hiehub.replay.rebuild;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hiehub.projections.status.ViewGenerations;
import org.springframework.stereotype.Service;

/**
 * Rebuilds a projection from the event log: stops its processor, resets its tokens (which calls the
 * projection's {@code @ResetHandler} to clear what it owns) and starts it again, replaying from the first event.
 * Blue/green rebuilds, which keep the old view serving meanwhile, build on this.
 */
@Service
public class ProjectionRebuilder {

    private final EventProcessingConfiguration processing;
    private final ViewGenerations generations;

    public ProjectionRebuilder(EventProcessingConfiguration processing, MongoDatabase readStore) {
        this.processing = processing;
        this.generations = new ViewGenerations(readStore);
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
        // after the reset, before the replay: readers keying composed answers on the view's position see a new
        // generation, although the replay may end at the very position the view had
        generations.bump(projection);
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
