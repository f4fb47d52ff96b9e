package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hiehub.command.ingest.batch.IngestBatches;
import org.hiehub.command.ingest.batch.BatchWorker;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A batch file too big for one HTTP answer: stored, answered 202, worked through in the background, resumable. */
@HubIntegrationTest
class Hl7BatchJobApiTest {

    static final String ER7 = "application/hl7-v2";
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BatchWorker worker;
    @Autowired
    IngestBatches jobs;
    HubClient hub;
    String run;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_batch_sent_async_is_stored_answered_202_and_its_progress_and_outcomes_can_be_followed() {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            messages.add(adt("A" + i + "-" + run, TestPeople.birthDate().replace("-", "")));
        }
        messages.add(17, adt("BAD-" + run, "20230231"));
        byte[] batch = envelope(messages);

        HubClient.Response accepted = hub.post("/ingest/hl7v2", ER7, batch, "Prefer", "respond-async");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Content-Location");
        assertThat(location).startsWith("/ingest/hl7v2/batches/");
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(accepted.json().path("messages").asInt()).isEqualTo(31);
        JsonNode done = BatchStatuses.awaitDone(hub, location);
        assertThat(done.path("processed").asInt()).isEqualTo(31);
        assertThat(done.path("percent").asInt()).isEqualTo(100);
        assertThat(done.path("accepted").asInt()).isEqualTo(30);
        assertThat(done.path("rejected").asInt()).isEqualTo(1);
        assertThat(done.path("finishedAt").asText()).isNotBlank();
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(jdbc.queryForObject("select payload is null from ingest_batch where id = ?", Boolean.class, id))
                .as("payload dropped once kept per message").isTrue();

        List<JsonNode> results = new ArrayList<>();
        String page = done.path("results").asText() + "?limit=10";
        while (page != null) {
            JsonNode answer = hub.get(page).json();
            answer.path("results").forEach(results::add);
            page = answer.path("next").isTextual() ? answer.path("next").asText() : null;
        }
        assertThat(results).hasSize(31);
        assertThat(results).extracting(r -> r.path("index").asInt()).isSorted();
        assertThat(results.get(0).path("controlId").asText()).isEqualTo("A0-" + run);
        JsonNode refused = results.get(17);
        assertThat(refused.path("ack").asText()).isEqualTo("AE");
        assertThat(refused.path("location").asText()).isEqualTo("PID-7");
        assertThat(refused.path("deadLetterId").asText()).isNotBlank();
        assertThat(results).filteredOn(r -> r.path("ack").asText().equals("AA")).hasSize(30)
                .allSatisfy(r -> assertThat(r.path("messageKey").asText()).startsWith("m-"));

        // the same file again: stored once, so every message is a duplicate acknowledged as before
        HubClient.Response again = hub.post("/ingest/hl7v2", ER7, batch, "Prefer", "respond-async");
        JsonNode second = BatchStatuses.awaitDone(hub, again.header("Content-Location"));
        assertThat(second.path("duplicates").asInt()).isEqualTo(30);
        assertThat(hub.get("/ingest/hl7v2/batches").json()).anySatisfy(listed ->
                assertThat(listed.path("id").asText()).isEqualTo(second.path("id").asText()));
    }

    @Test
    void a_batch_whose_process_died_is_taken_over_and_resumed_after_its_last_recorded_message() {
        String id = UUID.randomUUID().toString();
        List<String> messages = List.of(adt("R0-" + run, "19700101"), adt("R1-" + run, "19700101"),
                adt("R2-" + run, "19710202"), adt("R3-" + run, "19720303"));
        BatchStatuses.leftByCrashedProcess(jdbc, id, "HL7V2", "test", 4, envelope(messages), 2);
        worker.wake();

        JsonNode done = BatchStatuses.awaitDone(hub, "/ingest/hl7v2/batches/" + id);

        assertThat(done.path("accepted").asInt()).isEqualTo(4);
        JsonNode results = hub.get("/ingest/hl7v2/batches/" + id + "/results").json().path("results");
        assertThat(results).extracting(r -> r.path("controlId").asText()).containsExactly("R2-" + run, "R3-" + run);
        assertThat(jdbc.queryForObject("select count(*) from raw_message where control_id like ?", Long.class,
                "R_-" + run)).as("only the messages without an outcome were ingested").isEqualTo(2);
    }

    @Test
    void a_batch_over_the_synchronous_limit_names_the_async_way_and_only_integrators_follow_batches() {
        String bare = "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|X-" + run + "|P|2.5.1\n";

        HubClient.Response refused = hub.post("/ingest/hl7v2", ER7,
                bare.repeat(2_001).getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("detail").asText()).contains("Prefer: respond-async");
        HubClient clinician = hub.as(TestTokens.as("clin-" + run, HubRole.CLINICIAN));
        assertThat(clinician.get("/ingest/hl7v2/batches").status()).isEqualTo(403);
        assertThat(hub.get("/ingest/hl7v2/batches/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void a_batch_finished_longer_ago_than_kept_is_forgotten_with_its_outcomes() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        for (String[] batch : new String[][] {{old, "40"}, {recent, "2"}}) {
            Timestamp finished = Timestamp.from(Instant.now().minus(Duration.ofDays(Long.parseLong(batch[1]))));
            jdbc.update("""
                    insert into ingest_batch(id, format, channel, received_at, size_bytes, messages, status,
                                             next_index, finished_at)
                    values (?, 'HL7V2', 'batch', ?, 0, 1, 'DONE', 1, ?)""", batch[0], finished, finished);
            jdbc.update("""
                    insert into ingest_batch_result(batch_id, message_index, ack, status, facts)
                    values (?, 0, 'AA', 'ACCEPTED', 0)""", batch[0]);
        }

        assertThat(jobs.forgetFinishedBefore(Instant.now().minus(Duration.ofDays(30)))).isEqualTo(1);

        assertThat(hub.get("/ingest/hl7v2/batches/" + old).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from ingest_batch_result where batch_id = ?", Long.class, old))
                .isZero();
        assertThat(hub.get("/ingest/hl7v2/batches/" + recent).json().path("status").asText()).isEqualTo("DONE");
    }

    private static byte[] envelope(List<String> messages) {
        return ("FHS|^~\\&|ADT1|GHH\nBHS|^~\\&|ADT1|GHH\n" + String.join("", messages) + "BTS|" + messages.size()
                + "\nFTS|1\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String adt(String controlId, String birthDate) {
        return "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|" + controlId + "|P|2.5.1\n"
                + "EVN|A31|20261122120000\n"
                + "PID|1||BATCH-" + controlId + "^^^GHH^MR||" + TestPeople.family() + "^Ann||" + birthDate + "|F|||"
                + "1 Main Street^^Greensboro^NC^27401^USA^H\n";
    }
}
