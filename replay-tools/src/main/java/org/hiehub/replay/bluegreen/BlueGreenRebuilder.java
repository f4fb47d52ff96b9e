package org.hiehub.replay.bluegreen;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModelVersions;
import org.hiehub.projections.versions.ReadModelVersions.Building;
import org.hiehub.projections.versions.ReadModelVersions.Pointer;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.projections.versions.RebuildableProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Blue/green rebuilds. A new version of a projection is built into its own collections ({@code name__v<n>}) by a
 * processor of its own ({@link VersionProcessor}) while the live version keeps serving; the pointer document in
 * {@code read_model_versions} records the version being built before anything is written to it. Once the new
 * version has caught up with the head of the log, {@link #switchOver} moves readers and the projection's own
 * processor to it in one pointer update. Until then readers never see it, so no request meets an empty or
 * half-built view. The old version stays until {@link #dropRetired} is asked for.
 */
@Service
public class BlueGreenRebuilder {

    private static final Logger log = LoggerFactory.getLogger(BlueGreenRebuilder.class);
    private final Map<String, RebuildableProjection> projections = new ConcurrentHashMap<>();
    private final Map<String, VersionProcessor> running = new ConcurrentHashMap<>();
    private final ReadModels readModels;
    private final ReadModelVersions versions;
    private final EventProcessingConfiguration processing;
    private final ObjectProvider<Configuration> axon;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final RebuildSettings settings;
    private final Clock clock = Clock.systemUTC();

    public BlueGreenRebuilder(List<RebuildableProjection> rebuildable, ReadModels readModels,
                              EventProcessingConfiguration processing, ObjectProvider<Configuration> axon,
                              EventStore eventStore, TokenStore tokenStore, TransactionManager transactions,
                              RebuildSettings settings) {
        rebuildable.forEach(p -> projections.put(p.group(), p));
        this.readModels = readModels;
        this.versions = readModels.versions();
        this.processing = processing;
        this.axon = axon;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.settings = settings;
    }

    public boolean rebuildable(String projection) {
        return projections.containsKey(projection);
    }

    /** The processor that builds {@code version} of a projection's view; its tokens are stored under this name. */
    public static String versionProcessorName(String projection, int version) {
        return VersionProcessor.name(projection, version);
    }

    public List<String> rebuildableProjections() {
        return projections.keySet().stream().sorted().toList();
    }

    /**
     * Starts building a new version, or resumes the one already being built (after an interruption, from its
     * stored tokens). {@code autoSwitch}: switch readers as soon as it has caught up.
     */
    public RebuildProgress start(String projection, boolean autoSwitch) {
        return start(projection, autoSwitch, settings.segments(), settings.batchSize());
    }

    /** As {@link #start(String, boolean)}, a new version with its own segments and batch size. */
    public synchronized RebuildProgress start(String projection, boolean autoSwitch, int segments, int batchSize) {
        if (segments < 1 || batchSize < 1) {
            throw new IllegalArgumentException("segments and batch size must be at least 1");
        }
        RebuildableProjection rebuildable = require(projection);
        Pointer pointer = versions.get(projection);
        if (pointer.building() == null) {
            int version = Math.max(pointer.live(), pointer.lastVersion()) + 1;
            dropCollections(rebuildable, version); // leftovers of an abandoned attempt, never read by anyone
            long start = position(eventStore.createTailToken(), -1);
            Building building = new Building(version, segments, batchSize, start, clock.instant().toString(),
                    autoSwitch);
            if (!versions.startBuilding(projection, building)) {
                throw new IllegalStateException("another rebuild of " + projection + " started meanwhile");
            }
            log.info("Blue/green rebuild of {}: building version {} from position {}", projection, version, start);
            pointer = versions.get(projection);
        }
        if (!running.containsKey(projection)) {
            Building building = pointer.building();
            VersionProcessor processor = new VersionProcessor(projection, building.version(),
                    rebuildable.handlers().apply(readModels.version(building.version())), building.segments(),
                    building.batchSize(), axon.getObject(), eventStore, tokenStore, transactions);
            running.put(projection, processor);
            processor.start();
        }
        return progress(projection);
    }

    /** Interrupts a rebuild; its version and tokens stay, and {@link #start} resumes it. */
    public synchronized RebuildProgress pause(String projection) {
        require(projection);
        VersionProcessor processor = running.remove(projection);
        if (processor != null) {
            processor.stop();
        }
        return progress(projection);
    }

    public RebuildProgress progress(String projection) {
        require(projection);
        Pointer pointer = versions.get(projection);
        long head = position(eventStore.createHeadToken(), 0);
        Building building = pointer.building();
        if (building == null) {
            return new RebuildProgress(projection, pointer.live(), null, pointer.switchedAt() == null ? "IDLE"
                    : "SWITCHED", 0, head, head, 0, 0, 0, true, false, null, pointer.retired());
        }
        VersionProcessor processor = running.get(projection);
        long start = building.startPosition();
        String state = processor == null ? "PAUSED" : "BUILDING";
        long position;
        try {
            position = processor == null
                    ? position(storedLowerBound(VersionProcessor.name(projection, building.version())), start)
                    : processor.position(start);
        } catch (UnableToClaimTokenException e) {
            // a switch is under way: the version's processor, taken out of the running ones, still holds its
            // claims for a moment, so its tokens cannot be read yet
            state = "SWITCHING";
            position = start;
        }
        boolean caughtUp = processor != null && processor.caughtUp(building.segments());
        return new RebuildProgress(projection, pointer.live(), building.version(),
                state, start, position, head, Math.max(0, position - start),
                Math.max(0, head - start), building.segments(), caughtUp, building.autoSwitch(),
                processor == null ? null : processor.error(), pointer.retired());
    }

    /**
     * Makes the new version live. The projection's own processor stops (no more writes to the old version), the
     * new version is let run until it has handled everything the old one had, then the pointer moves in one update
     * and the projection's processor starts again on the new version from its own token: anything it handles twice
     * is written idempotently. Nothing is switched if the new version has not caught up.
     */
    public synchronized RebuildProgress switchOver(String projection) {
        require(projection);
        Building building = versions.get(projection).building();
        VersionProcessor processor = running.get(projection);
        if (building == null || processor == null || !processor.caughtUp(building.segments())) {
            throw new NotCaughtUp(projection);
        }
        Optional<StreamingEventProcessor> live = processing.eventProcessor(projection, StreamingEventProcessor.class);
        live.ifPresent(StreamingEventProcessor::shutDown);
        try {
            TrackingToken liveToken = live.map(p -> storedUpperBound(p.getName())).orElse(null);
            waitUntilCovered(processor, liveToken, building.segments());
            running.remove(projection);
            processor.stop();
            versions.switchTo(projection, building.version(), clock.instant());
            readModels.refresh();
            log.info("Blue/green rebuild of {}: version {} is live", projection, building.version());
        } finally {
            live.ifPresent(StreamingEventProcessor::start);
        }
        deleteTokens(processor.name());
        return progress(projection);
    }

    /** Drops the collections of every retired version (the ones readers left at a switch). */
    public synchronized List<String> dropRetired(String projection) {
        RebuildableProjection rebuildable = require(projection);
        List<String> dropped = new ArrayList<>();
        for (int version : versions.get(projection).retired()) {
            dropped.addAll(dropCollections(rebuildable, version));
            versions.dropped(projection, version);
        }
        return dropped;
    }

    /** Gives up the version being built: its processor stops, its tokens and collections go. */
    public synchronized RebuildProgress abandon(String projection) {
        RebuildableProjection rebuildable = require(projection);
        Building building = versions.get(projection).building();
        if (building != null) {
            pause(projection);
            versions.abandon(projection, building.version());
            deleteTokens(VersionProcessor.name(projection, building.version()));
            dropCollections(rebuildable, building.version());
            versions.dropped(projection, building.version());
        }
        return progress(projection);
    }

    @Scheduled(fixedDelayString = "${hub.rebuild.check-interval-ms:200}")
    public void switchWhenCaughtUp() {
        for (String projection : List.copyOf(running.keySet())) {
            try {
                RebuildProgress progress = progress(projection);
                if (progress.autoSwitch() && progress.caughtUp()) {
                    switchOver(projection);
                }
            } catch (RuntimeException e) {
                log.warn("Blue/green rebuild of {}: switch not done yet: {}", projection, e.toString());
            }
        }
    }

    /**
     * A rebuild interrupted by a stop resumes when the hub is back; a live version an earlier hub wrote in a format
     * this one no longer writes is rebuilt (switching when caught up), while readers keep reading it as it is.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeInterrupted() {
        if (!settings.resumeOnStart()) {
            return;
        }
        for (String projection : rebuildableProjections()) {
            Pointer pointer = versions.get(projection);
            if (pointer.building() != null) {
                log.info("Blue/green rebuild of {}: resuming", projection);
                start(projection, pointer.building().autoSwitch());
            } else if (projections.get(projection).outdated().test(readModels.version(pointer.live()))) {
                log.info("Blue/green rebuild of {}: version {} was written in an earlier format", projection,
                        pointer.live());
                try {
                    start(projection, true);
                } catch (IllegalStateException e) {
                    log.info("Blue/green rebuild of {}: another process started it", projection);
                }
            }
        }
    }

    /** On shutdown the rebuild processors stop like the others; their tokens say where to resume. */
    @jakarta.annotation.PreDestroy
    public synchronized void stopAll() {
        running.values().forEach(VersionProcessor::stop);
        running.clear();
    }

    private void waitUntilCovered(VersionProcessor processor, TrackingToken liveToken, int segments) {
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.switchTimeoutSeconds()).toNanos();
        while (!processor.covers(liveToken, segments)) {
            if (System.nanoTime() > deadline) {
                throw new NotCaughtUp(processor.name());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotCaughtUp(processor.name());
            }
        }
    }

    /** How far a stopped processor got: the lowest of its segments' tokens. */
    private TrackingToken storedLowerBound(String processorName) {
        return transactions.fetchInTransaction(() -> {
            TrackingToken lower = null;
            boolean first = true;
            for (int segment : tokenStore.fetchSegments(processorName)) {
                TrackingToken token = tokenStore.fetchToken(processorName, segment);
                tokenStore.releaseClaim(processorName, segment);
                if (token == null) {
                    return null;
                }
                lower = first ? token : lower.lowerBound(token);
                first = false;
            }
            return lower == null ? null : WrappedToken.unwrapLowerBound(lower);
        });
    }

    /** The furthest token of a stopped processor's segments. */
    private TrackingToken storedUpperBound(String processorName) {
        return transactions.fetchInTransaction(() -> {
            TrackingToken upper = null;
            for (int segment : tokenStore.fetchSegments(processorName)) {
                TrackingToken token = tokenStore.fetchToken(processorName, segment);
                tokenStore.releaseClaim(processorName, segment);
                if (token != null) {
                    upper = upper == null ? token : upper.upperBound(token);
                }
            }
            return upper;
        });
    }

    private void deleteTokens(String processorName) {
        try {
            transactions.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(processorName)) {
                    tokenStore.fetchToken(processorName, segment); // claims it, which deleting requires
                    tokenStore.deleteToken(processorName, segment);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not delete the tokens of {}: {}", processorName, e.toString());
        }
    }

    private List<String> dropCollections(RebuildableProjection projection, int version) {
        List<String> existing = readModels.readStore().listCollectionNames().into(new ArrayList<>());
        List<String> dropped = new ArrayList<>();
        for (String collection : projection.collections()) {
            String name = ReadModelScope.collectionName(collection, version);
            if (existing.contains(name)) { // mongo-java-server logs an error for dropping what is not there
                readModels.readStore().getCollection(name).drop();
                dropped.add(name);
            }
        }
        return dropped;
    }

    private RebuildableProjection require(String projection) {
        RebuildableProjection rebuildable = projections.get(projection);
        if (rebuildable == null) {
            throw new NotRebuildable(projection, rebuildableProjections());
        }
        return rebuildable;
    }

    private static long position(TrackingToken token, long fallback) {
        return token == null ? fallback : token.position().orElse(fallback);
    }

    /** The projection has no blue/green support in this process. */
    public static class NotRebuildable extends RuntimeException {
        NotRebuildable(String name, List<String> known) {
            super("no blue/green rebuild for '" + name + "' in this process; known: " + known);
        }
    }

    /** A switch was asked for before the new version caught up with the live one. */
    public static class NotCaughtUp extends RuntimeException {
        NotCaughtUp(String name) {
            super(name + " has not caught up with the head of the event log yet");
        }
    }
}
