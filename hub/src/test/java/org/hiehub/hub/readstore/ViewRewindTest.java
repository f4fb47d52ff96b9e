package org.hiehub.hub.readstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hiehub.projections.alerts.AlertProjection;
import org.hiehub.projections.caregaps.CareGapProjection;
import org.hiehub.projections.quality.QualityProjection;
import org.hiehub.projections.status.ProjectionStatusPublisher;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.versions.ReadModelVersions;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.projections.versions.RebuildableProjection;
import org.hiehub.replay.integrity.EventChainRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Setting views back after the read store lost writes, against the status documents the real publisher writes:
 * only projections, only segments whose token is past their stored status, to the lowest stored status when the
 * segments changed, to the log's start when the store holds none; a blue/green version being built starts again.
 */
class ViewRewindTest {

    private static final GlobalSequenceTrackingToken TAIL = new GlobalSequenceTrackingToken(-1);
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    private final MongoDatabase readStore = client.getDatabase("hub");
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final EventStore eventStore = mock(EventStore.class);
    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    private final ReadModels readModels = new ReadModels(readStore, 0);
    private final Map<String, EventProcessor> running = new LinkedHashMap<>();

    ViewRewindTest() {
        when(eventStore.createTailToken()).thenReturn(TAIL);
        for (Class<?> handler : new Class<?>[] {PatientSummaryProjection.class, TimelineProjection.class,
                CareGapProjection.class, AlertProjection.class, QualityProjection.class, EventChainRecorder.class}) {
            beans.registerBeanDefinition(handler.getSimpleName(), new RootBeanDefinition(handler));
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void after_lost_writes_each_view_goes_back_to_the_token_stored_with_its_writes() {
        stored("patient-summary", 40);       // the store holds its writes through 30 only
        published("patient-summary", 30L);
        stored("timeline", 30);              // nothing lost
        published("timeline", 30L);
        stored(EventChainRecorder.GROUP, 40); // keeps its state with its token, in PostgreSQL
        published(EventChainRecorder.GROUP, 30L);
        stored("alerts", 20);                // no status in the store at all
        stored("quality", 10);
        published("quality", null);          // its status was stored before it had handled anything
        tokens.initializeTokenSegments("care-gaps", 2, new GlobalSequenceTrackingToken(50));
        published("care-gaps", 35L);         // stored while it ran one segment

        beans.registerSingleton("timelineRebuild", new RebuildableProjection("timeline", List.of(), scope -> null));
        readModels.versions().startBuilding("timeline", new ReadModelVersions.Building(2, 1, 100, 0,
                "2026-11-24T05:00:00Z", true));
        stored("timeline@v2", 25);          // a blue/green version being built: no status, starts again

        ViewRewind rewind = rewind(true, false);
        rewind.afterSingletonsInstantiated();

        assertThat(token("timeline@v2", 0)).isEqualTo(TAIL);
        assertThat(token("patient-summary", 0)).isEqualTo(new GlobalSequenceTrackingToken(30));
        assertThat(token("timeline", 0)).isEqualTo(new GlobalSequenceTrackingToken(30));
        assertThat(token(EventChainRecorder.GROUP, 0)).isEqualTo(new GlobalSequenceTrackingToken(40));
        assertThat(token("alerts", 0)).isEqualTo(TAIL);
        assertThat(token("quality", 0)).isEqualTo(TAIL);
        assertThat(token("care-gaps", 0)).isEqualTo(new GlobalSequenceTrackingToken(35));
        assertThat(token("care-gaps", 1)).isEqualTo(new GlobalSequenceTrackingToken(35));
        assertThat(rewind.rewound()).containsOnlyKeys("patient-summary/0", "alerts/0", "quality/0", "care-gaps/0",
                        "care-gaps/1", "timeline@v2/0")
                .containsEntry("patient-summary/0", "40 → 30").containsEntry("alerts/0", "20 → -1");
    }

    @Test
    void a_store_closed_cleanly_is_trusted() {
        stored("patient-summary", 40);
        published("patient-summary", 30L);

        ViewRewind rewind = rewind(false, false);
        rewind.afterSingletonsInstantiated();

        assertThat(token("patient-summary", 0)).isEqualTo(new GlobalSequenceTrackingToken(40));
        assertThat(rewind.rewound()).isEmpty();
    }

    @Test
    void a_store_that_started_empty_refills_every_view_from_the_start_of_the_log() {
        stored("patient-summary", 40);
        stored("timeline", 40);

        ViewRewind rewind = rewind(false, true);
        rewind.afterSingletonsInstantiated();

        assertThat(token("patient-summary", 0)).isEqualTo(TAIL);
        assertThat(token("timeline", 0)).isEqualTo(TAIL);
    }

    private ViewRewind rewind(boolean closedUncleanly, boolean startedEmpty) {
        var embedded = new ReadStoreConfiguration.EmbeddedReadStore(null, null, null, closedUncleanly, startedEmpty);
        return new ViewRewind(embedded, readStore, tokens, NoTransactionManager.INSTANCE, eventStore, serializer,
                beans, readModels, Duration.ZERO);
    }

    private void stored(String processor, long position) {
        tokens.initializeTokenSegments(processor, 1, new GlobalSequenceTrackingToken(position));
    }

    private TrackingToken token(String processor, int segment) {
        TrackingToken token = tokens.fetchToken(processor, segment);
        tokens.releaseClaim(processor, segment);
        return token;
    }

    /** What the publisher writes for a processor running one segment at {@code position} (null: no token yet). */
    private void published(String processor, Long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(Segment.ROOT_SEGMENT);
        when(status.getTrackingToken()).thenReturn(position == null ? null : new GlobalSequenceTrackingToken(position));
        StreamingEventProcessor streaming = mock(StreamingEventProcessor.class);
        when(streaming.getName()).thenReturn(processor);
        when(streaming.processingStatus()).thenReturn(Map.of(0, status));
        running.put(processor, streaming);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.copyOf(running));
        new ProjectionStatusPublisher(processing, readStore, serializer, Clock.systemUTC()).publish();
    }
}
