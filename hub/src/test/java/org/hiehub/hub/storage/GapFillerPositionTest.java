package org.hiehub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.projections.support.LogPosition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event that commits after later ones fills a gap of the tracking token, whose position stays at the highest
 * index read; the handlers' {@link LogPosition} still gives the event's own position, as a rebuild reading the settled
 * log sees it.
 */
@HubIntegrationTest
class GapFillerPositionTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStorageEngine engine;

    @Test
    void a_gap_filler_is_handled_at_its_own_position_not_at_the_tokens() {
        String control = UUID.randomUUID().toString().substring(0, 12);
        String adt = "MSH|^~\\&|EHR|GAPS|HUB|HIE|20261122101500||ADT^A01|" + control + "|P|2.5.1\r"
                + "EVN|A01|20261122101500\r" + "PID|1||G-" + control + "^^^GAPS^MR||" + TestPeople.family()
                + "^Gail||" + TestPeople.birthDate().replace("-", "") + "|F\r";
        assertThat(new HubClient(port).post("/ingest/hl7v2", "application/hl7-v2",
                adt.getBytes(StandardCharsets.UTF_8)).body()).contains("MSA|AA");
        List<Map<String, Object>> last = jdbc.queryForList(
                "select global_index, event_identifier from domain_event_entry order by global_index desc limit 2");
        long high = ((Number) last.get(0).get("global_index")).longValue();
        long below = ((Number) last.get(1).get("global_index")).longValue();

        // a processor that has read up to `high` while `below` was not yet committed
        GapAwareTrackingToken seen = GapAwareTrackingToken.newInstance(high, Set.of(below));
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(seen, false)) {
            TrackedEventMessage<?> filler = stream.findFirst().orElseThrow();
            TrackingToken token = filler.trackingToken();

            assertThat(filler.getIdentifier()).isEqualTo(last.get(1).get("event_identifier"));
            assertThat(token.position()).as("the token's own position: the highest index read").hasValue(high);
            assertThat(LogPosition.of(token)).isEqualTo(below);
            assertThat(LogPosition.of(ReplayToken.createReplayToken(seen, token))).as("during a replay")
                    .isEqualTo(below);
            assertThat(LogPosition.of(GapAwareTrackingToken.newInstance(high, Set.of()))).as("another token")
                    .isEqualTo(high);
        }
    }
}
