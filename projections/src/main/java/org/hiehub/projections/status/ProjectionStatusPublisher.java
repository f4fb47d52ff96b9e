package org.hiehub.projections.status;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes how far each streaming processor of this process has got into the read store, one document per
 * segment. The query side reads it to say how current a view is and to wait for a client's own write, without
 * access to the token store. A gap-aware token's open gaps are published too: an event in a gap is not handled
 * yet although the position is past it (a gap can also be a rolled-back append that never arrives).
 * <p>
 * Each document also holds the segment's token itself, serialized ({@value #TOKEN}): a segment's status advances only
 * after its batch's view writes have been acknowledged, so in a store that persists its writes in order (the embedded
 * H2 file keeps whole versions) the stored token never runs ahead of the stored views. After that store lost its last
 * second of writes, the hub sets the processor back to this token instead of rebuilding the view.
 */
public class ProjectionStatusPublisher {

    /** Gaps beyond this many are not listed; a reader then treats every position above the first as unhandled. */
    static final int MAX_PUBLISHED_GAPS = 1000;
    /** The field holding the segment's token: {@code {type, data}} as the given serializer wrote it. */
    public static final String TOKEN = "token";
    private static final Logger log = LoggerFactory.getLogger(ProjectionStatusPublisher.class);
    private final EventProcessingConfiguration processing;
    private final MongoCollection<Document> status;
    private final ViewGenerations generations;
    private final Serializer serializer;
    private final Clock clock;
    /** Unchanged status is still re-written this often, so a read store that was dropped or restored recovers. */
    private static final long REFRESH_MILLIS = 1_000;
    private final Map<String, Published> lastPublished = new ConcurrentHashMap<>();

    public ProjectionStatusPublisher(EventProcessingConfiguration processing, MongoDatabase readStore,
                                     Serializer serializer, Clock clock) {
        this.processing = processing;
        this.serializer = serializer;
        this.status = readStore.getCollection(ProjectionStatus.COLLECTION);
        this.generations = new ViewGenerations(readStore);
        this.clock = clock;
    }

    /** Every processor's changed segments in one bulk write: a round trip per cycle, not one per segment. */
    @Scheduled(fixedDelayString = "${hub.projections.status-interval-ms:100}")
    public void publish() {
        try {
            // generations first, tokens after: see ViewGenerations#bump
            Map<String, Long> generation = generations.all();
            Map<String, Published> written = new LinkedHashMap<>();
            List<WriteModel<Document>> writes = new ArrayList<>();
            processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .forEach(processor -> changed(processor, generation.getOrDefault(processor.getName(), 0L),
                            written, writes));
            if (!writes.isEmpty()) {
                status.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                lastPublished.putAll(written);
            }
        } catch (RuntimeException e) {
            log.warn("Could not publish projection status: {}", e.toString());
        }
    }

    private void changed(StreamingEventProcessor processor, long generation, Map<String, Published> written,
                         List<WriteModel<Document>> writes) {
        processor.processingStatus().forEach((segmentId, tracker) -> {
            String id = processor.getName() + "/" + segmentId;
            TrackingToken token = tracker.getTrackingToken();
            Document next = describe(processor, segmentId, tracker, token).append("generation", generation);
            Published last = lastPublished.get(id);
            long now = clock.millis();
            if (last == null || !Objects.equals(last.status(), next) || now - last.at() > REFRESH_MILLIS) {
                // serialized only when written: the position and gaps above already tell whether it moved
                Document stored = new Document(next).append(TOKEN, serialized(token)).append("_id", id)
                        .append("updatedAt", clock.instant().toString());
                writes.add(new ReplaceOneModel<>(eq("_id", id), stored, new ReplaceOptions().upsert(true)));
                written.put(id, new Published(next, now));
            }
        });
    }

    private static TrackingToken unwrap(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    private static Document describe(StreamingEventProcessor processor, int segmentId, EventTrackerStatus tracker,
                                     TrackingToken wrapped) {
        TrackingToken token = unwrap(wrapped);
        long position = token == null ? -1 : token.position().orElse(-1);
        List<Long> gaps = token instanceof GapAwareTrackingToken gapAware
                ? gapAware.getGaps().stream().limit(MAX_PUBLISHED_GAPS).toList() : List.of();
        return new Document("processor", processor.getName())
                .append("segment", segmentId)
                .append("segmentCount", tracker.getSegment().getMask() + 1)
                .append("position", position)
                .append("gaps", gaps)
                .append("caughtUp", tracker.isCaughtUp())
                .append("replaying", tracker.isReplaying())
                .append("error", tracker.isErrorState() ? String.valueOf(tracker.getError()) : null);
    }

    /** A token that cannot be serialized is left out (a rewind then starts that view from the log's start). */
    private Document serialized(TrackingToken token) {
        if (token == null) {
            return null;
        }
        try {
            SerializedObject<String> serialized = serializer.serialize(token, String.class);
            return new Document("type", serialized.getType().getName()).append("data", serialized.getData());
        } catch (RuntimeException e) {
            log.warn("Could not serialize a {} for the status document: {}", token.getClass().getSimpleName(),
                    e.toString());
            return null;
        }
    }

    private record Published(Document status, long at) {
    }
}
