package org.hiehub.projections.status;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.bson.Document;

/** Reads what {@link ProjectionStatusPublisher} wrote: the event position a processor has fully handled. */
public class ProjectionStatus {

    public static final String COLLECTION = "projection_status";
    /** How the marker of a view without a complete status begins (see {@link Snapshot#marker}). */
    public static final String UNKNOWN_MARKER = "unknown#";
    private final MongoCollection<Document> status;

    public ProjectionStatus(MongoDatabase readStore) {
        this.status = readStore.getCollection(COLLECTION);
    }

    /**
     * Every processor's status in one read (the collection holds a document per processor segment, a few dozen):
     * a reader that asks about several views reads once, and a filter on {@code processor} would make the
     * embedded store scan the collection anyway.
     */
    public Snapshot snapshot() {
        return new Snapshot(status.find().into(new ArrayList<>()).stream()
                .filter(d -> d.getString("processor") != null)
                .collect(Collectors.groupingBy(d -> d.getString("processor"))));
    }

    /** How far the processor has read the log: the lowest position over its segments; empty if unknown. */
    public OptionalLong position(String processor) {
        return snapshot().position(processor);
    }

    /** See {@link Snapshot#handledThrough}. */
    public OptionalLong handledThrough(String processor) {
        return snapshot().handledThrough(processor);
    }

    /** True once every segment of the processor has handled the event at {@code position} (or moved past it). */
    public boolean hasReached(String processor, long position) {
        return snapshot().hasReached(processor, position);
    }

    public List<Document> all() {
        return status.find().into(new ArrayList<>());
    }

    /** The status of every processor as read at one moment. */
    public static final class Snapshot {

        private static final AtomicLong UNKNOWN_STATES = new AtomicLong();
        private final Map<String, List<Document>> byProcessor;

        public Snapshot(Map<String, List<Document>> byProcessor) {
            this.byProcessor = byProcessor;
        }

        /** How far the processor has read the log: the lowest position over its segments; empty if unknown. */
        public OptionalLong position(String processor) {
            List<Document> segments = segments(processor);
            return segments.isEmpty() ? OptionalLong.empty()
                    : segments.stream().mapToLong(Snapshot::positionOf).min();
        }

        /**
         * The highest position up to which every event has been handled: the lowest position over the segments, and
         * below any open gap (an event still in flight at a lower position). A reader that streams a view's
         * documents by position up to here misses none; empty if unknown.
         */
        public OptionalLong handledThrough(String processor) {
            List<Document> segments = segments(processor);
            return segments.isEmpty() ? OptionalLong.empty() : segments.stream().mapToLong(segment -> {
                List<Long> gaps = segment.getList("gaps", Long.class, List.of());
                long lowestGap = gaps.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                return Math.min(positionOf(segment), lowestGap - 1);
            }).min();
        }

        /** How many times the processor's view was reset and replayed in place (see {@link ViewGenerations}). */
        public long generation(String processor) {
            return segments(processor).stream()
                    .mapToLong(s -> s.get("generation") instanceof Number n ? n.longValue() : 0L).max().orElse(0);
        }

        /**
         * A value that changes whenever the processor may have changed its documents: every segment's position and
         * open gaps (an event in a gap can be handled without the position moving, and one segment can move while
         * the lowest stays put) and the generation. Equal markers mean the same handled events, and so the same
         * documents once each has been written.
         */
        public String marker(String processor) {
            List<Document> segments = segments(processor);
            if (segments.isEmpty()) {
                // No complete status (not yet published, or a segment missing): nothing says the documents stayed
                // as they were, so this state equals no other and nothing composed at it is reused.
                return UNKNOWN_MARKER + UNKNOWN_STATES.incrementAndGet();
            }
            StringBuilder marker = new StringBuilder();
            segments.stream().sorted(java.util.Comparator.comparing(s -> s.get("segment", 0)))
                    .forEach(s -> marker.append(s.get("segment")).append(':').append(positionOf(s))
                            .append(s.getList("gaps", Long.class, List.of())).append(';'));
            return marker.append('g').append(generation(processor)).toString();
        }

        /** True once every segment of the processor has handled the event at {@code position} (or moved past it). */
        public boolean hasReached(String processor, long position) {
            List<Document> segments = segments(processor);
            return !segments.isEmpty() && segments.stream().allMatch(segment -> covers(segment, position));
        }

        private List<Document> segments(String processor) {
            List<Document> segments = byProcessor.getOrDefault(processor, List.of());
            boolean complete = !segments.isEmpty()
                    && segments.size() >= segments.get(0).getInteger("segmentCount", 1);
            return complete ? segments : List.of();
        }

        private static boolean covers(Document segment, long position) {
            if (positionOf(segment) < position) {
                return false;
            }
            List<Long> gaps = segment.getList("gaps", Long.class, List.of());
            boolean listTruncated = gaps.size() >= ProjectionStatusPublisher.MAX_PUBLISHED_GAPS;
            return !gaps.contains(position) && !(listTruncated && position > gaps.get(0));
        }

        private static long positionOf(Document segment) {
            return segment.get("position", Number.class).longValue();
        }
    }
}
