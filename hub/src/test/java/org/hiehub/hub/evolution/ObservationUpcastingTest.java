package org.hiehub.hub.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.command.identity.index.Pseudonyms;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event evolution: ObservationRecorded revision 2 added a structured reference range, revision 3 components. An
 * event log written in the revision-1 shape must still read back as today's event and replay into today's views.
 */
@HubIntegrationTest
class ObservationUpcastingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    Pseudonyms pseudonyms;

    @Test
    void an_observation_stored_in_the_revision_1_shape_reads_back_upcast_and_replays_into_the_timeline()
            throws Exception {
        HubClient hub = new HubClient(port);
        String control = UUID.randomUUID().toString().substring(0, 12);
        String oru = "MSH|^~\\&|LAB|UPCAST|HUB|HIE|20261122101500||ORU^R01|" + control + "|P|2.5.1\r"
                + "PID|1||U-" + control + "^^^UPCAST^MR||" + TestPeople.family() + "^Una||" + "19770707|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||101|mg/dL|70-99|H|||F|||20261122100000\r";
        assertThat(hub.post("/ingest/hl7v2", "text/plain", oru.getBytes(StandardCharsets.UTF_8)).body())
                .contains("MSA|AA");
        String sourceRecord = pseudonyms.sourceRecordId("UPCAST", "U-" + control).value();
        var row = jdbc.queryForMap("select global_index, aggregate_identifier, convert_from(payload, 'UTF8') as json "
                + "from domain_event_entry where payload_type = ? and convert_from(payload, 'UTF8') like ?",
                ObservationRecorded.class.getName(), "%" + sourceRecord + "%");

        // rewrite the stored event as the previous release wrote it: revision 1, no structured range
        ObjectNode v1 = (ObjectNode) JSON.readTree((String) row.get("json"));
        assertThat(v1.has("structuredReferenceRange")).isTrue();
        v1.remove("structuredReferenceRange");
        v1.remove("components");
        jdbc.update("update domain_event_entry set payload = ?, payload_revision = '1' where global_index = ?",
                JSON.writeValueAsBytes(v1), row.get("global_index"));

        ObservationRecorded read = eventStore.readEvents((String) row.get("aggregate_identifier")).asStream()
                .map(m -> m.getPayload()).filter(ObservationRecorded.class::isInstance)
                .map(ObservationRecorded.class::cast).findFirst().orElseThrow();
        assertThat(read.referenceRange()).isEqualTo("70-99");
        assertThat(read.structuredReferenceRange().low()).isEqualByComparingTo(new BigDecimal("70"));
        assertThat(read.structuredReferenceRange().high()).isEqualByComparingTo(new BigDecimal("99"));
        assertThat(read.structuredReferenceRange().unit()).isEqualTo("mg/dL");
        assertThat(read.components()).as("revision 3 added components; an older event has none").isEmpty();

        String patient = jdbc.queryForObject("select master_patient_id from mpi_source_record where source_record_id = ?",
                String.class, sourceRecord);
        assertThat(hub.post("/api/admin/projections/timeline/rebuild", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HubClient.Response timeline = hub.get("/api/patients/" + patient + "/timeline?type=observation");
            assertThat(timeline.status()).isEqualTo(200);
            assertThat(timeline.body()).contains("2345-7").contains("101");
        });
    }
}
