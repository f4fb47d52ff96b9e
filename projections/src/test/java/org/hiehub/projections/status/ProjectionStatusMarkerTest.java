package org.hiehub.projections.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The marker the query side keys composed answers on changes whenever a view's documents may have: not only when
 * its lowest position moves.
 */
class ProjectionStatusMarkerTest {

    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    ProjectionStatus status;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        status = new ProjectionStatus(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void a_segment_moving_while_the_lowest_stays_changes_the_marker_not_the_position() {
        publish(0, 100, List.of());
        publish(1, 120, List.of());
        String before = status.snapshot().marker("timeline");

        publish(1, 130, List.of());

        assertThat(status.snapshot().position("timeline")).hasValue(100);
        assertThat(status.snapshot().marker("timeline")).isNotEqualTo(before);
    }

    @Test
    void an_event_handled_in_a_gap_changes_the_marker() {
        publish(0, 100, List.of(95L, 97L));
        publish(1, 100, List.of());
        String before = status.snapshot().marker("timeline");

        publish(0, 100, List.of(95L));

        assertThat(status.snapshot().marker("timeline")).isNotEqualTo(before);
    }

    @Test
    void an_in_place_rebuild_back_at_the_same_position_changes_the_marker() {
        publish(0, 100, List.of());
        publish(1, 100, List.of());
        String before = status.snapshot().marker("timeline");

        new ViewGenerations(db).bump("timeline");
        long generation = new ViewGenerations(db).all().get("timeline");
        publish(0, 100, List.of(), generation);
        publish(1, 100, List.of(), generation);

        assertThat(status.snapshot().position("timeline")).hasValue(100);
        assertThat(status.snapshot().marker("timeline")).isNotEqualTo(before);
    }

    @Test
    void a_view_whose_status_is_missing_or_incomplete_is_in_a_state_equal_to_no_other() {
        assertThat(status.snapshot().marker("timeline")).isNotEqualTo(status.snapshot().marker("timeline"));

        publish(0, 100, List.of()); // one of its two segments

        assertThat(status.snapshot().marker("timeline")).isNotEqualTo(status.snapshot().marker("timeline"));
    }

    private void publish(int segment, long position, List<Long> gaps) {
        publish(segment, position, gaps, 0);
    }

    /** As {@link ProjectionStatusPublisher} writes a segment's status. */
    private void publish(int segment, long position, List<Long> gaps, long generation) {
        db.getCollection(ProjectionStatus.COLLECTION).replaceOne(new Document("_id", "timeline/" + segment),
                new Document("processor", "timeline").append("segment", segment).append("segmentCount", 2)
                        .append("position", position).append("gaps", gaps).append("generation", generation),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }
}
