package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.hub.ingest.NdjsonLines.NDJSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.command.ingest.batch.BatchWorker;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An NDJSON body too big for one answer, as a Bulk Data file is: stored, answered 202, ingested in the background in
 * parts of whole patients (hub.ingest.batches.ndjson-part-lines, 1,000 by default), each part's outcome recorded.
 */
@HubIntegrationTest
class FhirNdjsonAsyncTest {

    static final int PATIENTS = 30;
    static final int READINGS = 40;
    @LocalServerPort
    int port;
    @Autowired
    EventPositions positions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BatchWorker worker;
    HubClient hub;
    String run;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_large_body_sent_async_is_ingested_in_parts_of_whole_patients_and_a_stray_line_is_dead_lettered() {
        List<String> lines = bulkFile();
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        HubClient.Response accepted = hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source", "ASYNC-" + run,
                "Prefer", "respond-async");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Content-Location");
        assertThat(location).startsWith("/ingest/batches/");
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(accepted.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(accepted.json().at("/issue/0/diagnostics").asText()).contains(location);
        JsonNode done = BatchStatuses.awaitDone(hub, location);
        assertThat(done.path("format").asText()).isEqualTo("FHIR_NDJSON");
        // 25 patients of 41 lines make the first part pass 1,000 lines; the other 5 the second; the stray line the last
        assertThat(done.path("messages").asInt()).isEqualTo(3);
        assertThat(done.path("accepted").asInt()).isEqualTo(2);
        assertThat(done.path("rejected").asInt()).isEqualTo(1);
        JsonNode results = hub.get(done.path("results").asText()).json().path("results");
        assertThat(results.get(0).path("facts").asInt()).isEqualTo(25 * READINGS);
        assertThat(results.get(0).path("lines").asText()).startsWith("1-25, 31-55, 61-85");
        assertThat(results.get(1).path("facts").asInt()).isEqualTo(5 * READINGS);
        JsonNode refused = results.get(2);
        int stray = lines.size();
        assertThat(refused.path("lines").asText()).isEqualTo(Integer.toString(stray));
        assertThat(refused.path("status").asText()).isEqualTo("REJECTED");
        assertThat(refused.path("location").asText()).isEqualTo("line " + stray + ": Observation.subject");
        assertThat(refused.path("error").asText()).contains("does not resolve to a Patient");
        assertThat(hub.get("/api/dead-letters/" + refused.path("deadLetterId").asText()).status()).isEqualTo(200);

        long position = positions.head();
        String master = hub.get("/api/patients?identifier=urn:async:mrn%7CMR29-" + run + "&minPosition=" + position)
                .json().at("/patients/0/masterPatientId").asText();
        assertThat(master).isNotBlank();
        JsonNode timeline = hub.get("/api/patients/" + master + "/timeline?type=observation&limit=100&minPosition="
                + position).json();
        assertThat(timeline.path("entries")).as(timeline.toString()).hasSize(READINGS);

        // the same body again: the same parts, each stored before, so nothing is recorded twice
        HubClient.Response again = hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source", "ASYNC-" + run,
                "Prefer", "respond-async");
        JsonNode second = BatchStatuses.awaitDone(hub, again.header("Content-Location"));
        assertThat(second.path("duplicates").asInt()).isEqualTo(2);
        assertThat(hub.get("/ingest/batches").json()).anySatisfy(listed ->
                assertThat(listed.path("id").asText()).isEqualTo(second.path("id").asText()));
        assertThat(hub.get("/ingest/hl7v2/batches").json()).noneSatisfy(listed ->
                assertThat(listed.path("id").asText()).isEqualTo(second.path("id").asText()));
    }

    @Test
    void a_body_whose_process_died_is_cut_again_the_same_way_and_resumed_at_its_first_part_without_an_outcome() {
        String id = UUID.randomUUID().toString();
        byte[] body = (String.join("\n", bulkFile()) + "\n").getBytes(StandardCharsets.UTF_8);
        BatchStatuses.leftByCrashedProcess(jdbc, id, "FHIR_NDJSON", peer(), 3, body,
                1);
        worker.wake();

        JsonNode done = BatchStatuses.awaitDone(hub, "/ingest/batches/" + id);

        assertThat(done.path("messages").asInt()).isEqualTo(3);
        assertThat(done.path("accepted").asInt()).isEqualTo(2);
        assertThat(done.path("rejected").asInt()).isEqualTo(1);
        JsonNode results = hub.get("/ingest/batches/" + id + "/results").json().path("results");
        assertThat(results).extracting(r -> r.path("index").asInt()).containsExactly(1, 2);
        assertThat(results.get(0).path("facts").asInt()).as("the second part: the last 5 patients' readings")
                .isEqualTo(5 * READINGS);
        assertThat(messages()).as("only the second part: the first had its outcome "
                + "before the crash").isEqualTo(1);
    }

    @Test
    void a_body_ingested_in_parts_and_then_sent_alone_is_answered_as_received_and_recorded_once() {
        List<String> lines = bulkFile();
        lines.remove(lines.size() - 1); // without the stray line: sent alone first, the body would be stored whole
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        String id = BatchStatuses.awaitDone(hub, hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source",
                "ASYNC-" + run, "Prefer", "respond-async").header("Content-Location")).path("id").asText();
        long events = events();

        HubClient.Response alone = hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source", "ASYNC-" + run);

        assertThat(alone.status()).as(alone.body()).isEqualTo(200);
        assertThat(alone.json().at("/issue/0/diagnostics").asText())
                .contains("received before", "background batch " + id, "in 2 parts", "nothing new was written");
        assertThat(alone.header("X-Hub-Message-Key")).isNull();
        assertThat(messages()).as("the two parts, not the body").isEqualTo(2);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void a_body_stored_whole_and_then_sent_async_is_one_duplicate_message() {
        List<String> lines = bulkFile();
        lines.remove(lines.size() - 1);
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        HubClient.Response alone = hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source", "ASYNC-" + run);
        assertThat(alone.status()).as(alone.body()).isEqualTo(200);
        long events = events();

        JsonNode done = BatchStatuses.awaitDone(hub, hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source",
                "ASYNC-" + run, "Prefer", "respond-async").header("Content-Location"));

        assertThat(done.path("messages").asInt()).as("not cut: the body is the message stored before").isEqualTo(1);
        assertThat(done.path("duplicates").asInt()).isEqualTo(1);
        JsonNode result = hub.get(done.path("results").asText()).json().at("/results/0");
        assertThat(result.path("messageKey").asText()).isEqualTo(alone.header("X-Hub-Message-Key"));
        assertThat(messages()).isEqualTo(1);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void a_body_sent_again_after_its_stray_line_s_patient_arrived_is_cut_as_before_and_records_only_that_line() {
        byte[] body = (String.join("\n", bulkFile()) + "\n").getBytes(StandardCharsets.UTF_8);
        JsonNode first = BatchStatuses.awaitDone(hub, hub.post("/ingest/fhir-ndjson", NDJSON, body, "X-Hub-Source",
                "ASYNC-" + run, "Prefer", "respond-async").header("Content-Location"));
        assertThat(first.path("rejected").asInt()).isEqualTo(1);
        String nobody = NdjsonLines.patient("nobody-" + run, "urn:async:mrn", "NOBODY-" + run, TestPeople.family(),
                "Bo", TestPeople.birthDate());
        assertThat(hub.post("/ingest/fhir-ndjson", NDJSON, nobody.getBytes(StandardCharsets.UTF_8), "X-Hub-Source",
                "ASYNC-" + run).status()).isEqualTo(200);
        long eventsBefore = events();

        JsonNode second = BatchStatuses.awaitDone(hub, hub.post("/ingest/fhir-ndjson", NDJSON, body,
                "X-Hub-Source", "ASYNC-" + run, "Prefer", "respond-async").header("Content-Location"));

        // before: the stray line, resolving now, joined the last 5 patients' part, whose bytes changed, and their
        // 200 readings were recorded a second time
        assertThat(second.path("messages").asInt()).isEqualTo(3);
        assertThat(second.path("duplicates").asInt()).isEqualTo(2);
        assertThat(second.path("accepted").asInt()).isEqualTo(1);
        JsonNode results = hub.get(second.path("results").asText()).json().path("results");
        assertThat(results.get(2).path("facts").asInt()).as("the stray line alone").isEqualTo(1);
        assertThat(results.get(2).path("lines").asText()).isEqualTo(Integer.toString(PATIENTS * (READINGS + 1) + 1));
        assertThat(events() - eventsBefore).as("one reading's events, not 201").isLessThan(10);
    }

    /** How this run's sender is stored as a message's peer. */
    private String peer() {
        return "source:ASYNC-" + run + " from 127.0.0.1";
    }

    /** Messages stored from this run's sender. */
    private long messages() {
        return jdbc.queryForObject("select count(*) from raw_message where peer = ?", Long.class, peer());
    }

    /** Events of this run's sender's messages (each message's facts are on its own stream). */
    private long events() {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry e join raw_message m on m.message_key = e.aggregate_identifier
                where m.peer = ?""", Long.class, peer());
    }

    /** 30 patients, their 40 readings each spread over the file, and one reading of a patient sent nowhere. */
    private List<String> bulkFile() {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < PATIENTS; p++) {
            lines.add(patient(p));
        }
        for (int r = 0; r < READINGS; r++) {
            for (int p = 0; p < PATIENTS; p++) {
                lines.add(observation("p" + p + "-" + run, r));
            }
        }
        lines.add(observation("nobody-" + run, 0));
        return lines;
    }

    private String patient(int p) {
        return NdjsonLines.patient("p" + p + "-" + run, "urn:async:mrn", "MR" + p + "-" + run, TestPeople.family(),
                "Ann", TestPeople.birthDate());
    }

    private static String observation(String patientId, int reading) {
        return NdjsonLines.heartRate(patientId, "2026-11-20T%02d:%02d:00Z".formatted(8 + reading / 60, reading % 60),
                60 + reading);
    }
}
