package org.hiehub.hub.readstore;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.hiehub.projections.ProjectionsModule;
import org.hiehub.projections.status.ProjectionStatus;
import org.hiehub.projections.status.ProjectionStatusPublisher;
import org.hiehub.projections.versions.ReadModelVersions;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.projections.versions.RebuildableProjection;
import org.hiehub.replay.bluegreen.BlueGreenRebuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts the views of the embedded read store back in step with their tokens when the store holds less than the tokens
 * say: the process before ended without closing the H2 file, which writes its pages about once a second while the
 * tokens are committed in PostgreSQL at once, or the store started empty while the tokens did not (someone deleted
 * the file; the memory backend, at every start).
 * <p>
 * Each view processor's segment is set back to the token its status document holds in the same file
 * ({@link ProjectionStatusPublisher#TOKEN}), which is never ahead of the view writes stored with it, and to the start
 * of the log when the file holds no status for the processor; the projections are replay-safe, so handling the events
 * after that token again only rewrites what was there. Segments whose token is not past their status are left as
 * they are. Runs once all beans exist and before the processors start (they start with the application's lifecycle);
 * a crashed process's claims must time out first, which holds the start up to the claim timeout.
 * Processors that keep their state with their tokens (the event chain, in PostgreSQL) are not touched: only the
 * processing groups of the projections module count, and the processors building a new version of a view
 * (blue/green), which start that version again.
 */
public class ViewRewind implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ViewRewind.class);
    private static final Duration CLAIM_RETRY = Duration.ofMillis(500);
    private final ReadStoreConfiguration.EmbeddedReadStore embedded;
    private final MongoDatabase readStore;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final ListableBeanFactory beans;
    private final ReadModels readModels;
    private final Duration claimWait;
    /** Filled once, before the processors start; read by the health check afterwards. */
    private volatile Map<String, String> rewound = Map.of();

    public ViewRewind(ReadStoreConfiguration.EmbeddedReadStore embedded, MongoDatabase readStore, TokenStore tokens,
                      TransactionManager transactions, EventStore eventStore, Serializer serializer,
                      ListableBeanFactory beans, ReadModels readModels, Duration claimWait) {
        this.embedded = embedded;
        this.readStore = readStore;
        this.tokens = tokens;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.beans = beans;
        this.readModels = readModels;
        this.claimWait = claimWait;
    }

    /** What was set back, by {@code processor/segment}: "from → to" positions; empty when nothing was. */
    public Map<String, String> rewound() {
        return rewound;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!embedded.mayHaveLostWrites()) {
            return;
        }
        Map<String, List<Document>> statuses = statusByProcessor();
        long deadline = System.nanoTime() + claimWait.toNanos();
        Set<String> processors = viewProcessors();
        processors.addAll(versionsBeingBuilt());
        Map<String, String> setBack = new LinkedHashMap<>();
        for (String processor : processors) {
            int[] segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(processor));
            for (int segment : segments) {
                TrackingToken target = target(Segment.computeSegment(segment, segments),
                        statuses.getOrDefault(processor, List.of()));
                rewind(processor, segment, target, deadline).ifPresent(from -> setBack.put(processor + "/" + segment,
                        from + " → " + position(target)));
            }
        }
        rewound = Collections.unmodifiableMap(setBack);
        if (!rewound.isEmpty()) {
            log.warn("The embedded read store held less than the views' tokens ({}); set back, the views catch up "
                    + "from the log: {}", embedded.closedUncleanly() ? "it was not closed" : "it started empty",
                    rewound);
        }
    }

    /** Sets the segment back to {@code target} if its token is past it: the position it was set back from. */
    private Optional<String> rewind(String processor, int segment, TrackingToken target, long deadline) {
        while (true) {
            try {
                return transactions.fetchInTransaction(() -> {
                    TrackingToken current = tokens.fetchToken(processor, segment);
                    try {
                        if (current == null || target != null && target.covers(current)) {
                            return Optional.<String>empty();
                        }
                        tokens.storeToken(target, processor, segment);
                        return Optional.of(position(current));
                    } finally {
                        tokens.releaseClaim(processor, segment);
                    }
                });
            } catch (UnableToClaimTokenException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("Could not set back {}/{}: its claim is held ({}); rebuild the view if it misses writes",
                            processor, segment, e.getMessage());
                    return Optional.empty();
                }
                sleep();
            }
        }
    }

    /**
     * The segment's own stored token; when the segments were split or merged since, the lowest over the processor's
     * (any segment may start from any position); the log's start when the store holds none.
     */
    private TrackingToken target(Segment segment, List<Document> statuses) {
        List<TrackingToken> stored = new ArrayList<>();
        for (Document status : statuses) {
            TrackingToken token = deserialize(status.get(ProjectionStatusPublisher.TOKEN, Document.class));
            if (status.getInteger("segment", -1) == segment.getSegmentId()
                    && status.getInteger("segmentCount", 0) == segment.getMask() + 1) {
                return token != null ? token : eventStore.createTailToken(); // it had handled nothing yet
            }
            stored.add(token);
        }
        if (stored.isEmpty() || stored.contains(null)) {
            return eventStore.createTailToken();
        }
        return stored.stream().reduce(TrackingToken::lowerBound).orElseThrow();
    }

    private TrackingToken deserialize(Document token) {
        if (token == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token.getString("data"), String.class,
                token.getString("type"), null));
    }

    private Map<String, List<Document>> statusByProcessor() {
        Map<String, List<Document>> byProcessor = new LinkedHashMap<>();
        for (Document status : readStore.getCollection(ProjectionStatus.COLLECTION).find()) {
            String processor = status.getString("processor");
            if (processor != null) {
                byProcessor.computeIfAbsent(processor, p -> new ArrayList<>()).add(status);
            }
        }
        return byProcessor;
    }

    /** The processing groups of the projections module: each is a processor of that name writing the read store. */
    private Set<String> viewProcessors() {
        Set<String> names = new TreeSet<>();
        String views = ProjectionsModule.class.getPackageName() + ".";
        for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = beans.getType(bean);
            ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
            if (type != null && group != null && type.getName().startsWith(views)) {
                names.add(group.value());
            }
        }
        return names;
    }

    /**
     * The processors building a new version of a view (blue/green): they publish no status, so they start their
     * version again from the log's start; the rebuild resumes with them once the hub is up.
     */
    private Set<String> versionsBeingBuilt() {
        Set<String> names = new TreeSet<>();
        beans.getBeanProvider(RebuildableProjection.class).forEach(projection -> {
            ReadModelVersions.Building building = readModels.versions().get(projection.group()).building();
            if (building != null) {
                names.add(BlueGreenRebuilder.versionProcessorName(projection.group(), building.version()));
            }
        });
        return names;
    }

    private static String position(TrackingToken token) {
        return token == null ? "start" : token.position().stream().mapToObj(Long::toString).findFirst().orElse("?");
    }

    private static void sleep() {
        try {
            Thread.sleep(CLAIM_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a view's token claim", e);
        }
    }
}
