package org.hiehub.hub.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.hiehub.command.identity.index.Pseudonyms;
import org.hiehub.hub.cli.HubCli;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.timeline.TimelineCollections;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.replay.bluegreen.BlueGreenRebuilder;
import org.hiehub.replay.bluegreen.RebuildProgress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Blue/green rebuilds while the query API serves: readers keep seeing the complete live view until the new
 * version has caught up, then the new one; an interrupted rebuild resumes from its tokens and ends with the same
 * documents as the view it replaces.
 */
@HubIntegrationTest
class BlueGreenRebuildTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readStore;
    @Autowired
    ReadModels readModels;
    @Autowired
    BlueGreenRebuilder rebuilder;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    EventStore eventStore;

    @Test
    void readers_never_see_an_empty_or_partial_view_while_a_new_version_is_built_switched_to_and_the_old_dropped()
            throws Exception {
        HubClient hub = new HubClient(port);
        Map<String, String> patients = ingestPatients(hub, 6);
        Map<String, String> expectedSummaries = new LinkedHashMap<>();
        Map<String, String> expectedTimelines = new LinkedHashMap<>();
        patients.forEach((patient, ignored) -> {
            expectedSummaries.put(patient, rebuiltPart(hub.get("/api/patients/" + patient)));
            expectedTimelines.put(patient, entries(hub.get("/api/patients/" + patient + "/timeline")));
        });
        int summaryBefore = readModels.liveVersion(PatientSummaryProjection.GROUP);

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        int summaryNext;
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                expectedSummaries.forEach((patient, expected) -> {
                    HubClient.Response summary = hub.get("/api/patients/" + patient);
                    HubClient.Response timeline = hub.get("/api/patients/" + patient + "/timeline");
                    if (summary.status() != 200 || !rebuiltPart(summary).equals(expected)) {
                        wrong.add("summary " + summary.status() + " " + summary.body());
                    }
                    if (timeline.status() != 200 || !entries(timeline).equals(expectedTimelines.get(patient))) {
                        wrong.add("timeline " + timeline.status() + " " + timeline.body());
                    }
                    reads.incrementAndGet();
                });
            }
        });
        reader.start();
        try {
            // built beside the live view, not switched to by itself: readers must keep the old one meanwhile
            summaryNext = rebuildStarted(hub, "patient-summary", "?autoSwitch=false&batchSize=7");
            int timelineNext = rebuildStarted(hub, "timeline", "?batchSize=7");
            await().atMost(Duration.ofSeconds(60)).until(() -> progress(hub, "patient-summary").path("caughtUp")
                    .asBoolean());
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> readModels.liveVersion(TimelineProjection.GROUP) == timelineNext);
            assertThat(readModels.liveVersion(PatientSummaryProjection.GROUP)).isEqualTo(summaryBefore);
            int readsBeforeSwitch = reads.get();

            HubClient.Response switched = hub.post("/api/admin/projections/patient-summary/switch", "");
            assertThat(switched.status()).as(switched.body()).isEqualTo(200);
            assertThat(switched.json().path("live").asInt()).isEqualTo(summaryNext);
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() > readsBeforeSwitch + 2 * patients.size());
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(reads.get()).isGreaterThan(0);

        JsonNode dropped = hub.post("/api/admin/projections/patient-summary/drop-old", "").json();
        assertThat(dropped.path("dropped").toString()).contains(
                ReadModelScope.collectionName(SummaryCollections.SUMMARIES, summaryBefore));
        assertThat(readStore.listCollectionNames().into(new ArrayList<>()))
                .doesNotContain(ReadModelScope.collectionName(SummaryCollections.SUMMARIES, summaryBefore))
                .contains(ReadModelScope.collectionName(SummaryCollections.SUMMARIES, summaryNext));
        expectedSummaries.forEach((patient, expected) ->
                assertThat(rebuiltPart(hub.get("/api/patients/" + patient))).isEqualTo(expected));
        assertThat(progress(hub, "patient-summary").path("retired").size()).isZero();
    }

    @Test
    void an_interrupted_rebuild_resumes_from_its_tokens_and_ends_with_the_documents_of_the_live_view() {
        HubClient hub = new HubClient(port);
        ingestPatients(hub, 30); // a log long enough that the pause lands before a fast replay reaches the head
        int before = readModels.liveVersion(TimelineProjection.GROUP);

        RebuildProgress started = rebuilder.start(TimelineProjection.GROUP, false, 2, 3);
        try {
            // paused right after its first batches: a replay that no longer waits for room covers this log quickly
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                    .until(() -> rebuilder.progress(TimelineProjection.GROUP).processed() >= 3);
            RebuildProgress paused = rebuilder.pause(TimelineProjection.GROUP);
            assertThat(paused.state()).isEqualTo("PAUSED");
            assertThat(paused.position()).as("stopped midway").isLessThan(paused.head());
            assertThat(paused.position()).isGreaterThan(started.startPosition());
            assertThat(readModels.liveVersion(TimelineProjection.GROUP)).isEqualTo(before);

            // from scratch, a batch of 3 would first report a position near the start
            assertThat(rebuilder.start(TimelineProjection.GROUP, false).building()).isEqualTo(paused.building());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> rebuilder.progress(TimelineProjection.GROUP).position() > started.startPosition());
            assertThat(rebuilder.progress(TimelineProjection.GROUP).position()).as("resumes from its tokens")
                    .isGreaterThanOrEqualTo(paused.position());
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuilder.progress(TimelineProjection.GROUP)
                    .caughtUp());
            // Compared while both versions are kept (the live one by the running processor, the new one by the
            // rebuild): the same documents once both have handled the same log. Events other tests' background work
            // appends meanwhile reach the two a moment apart, so the comparison is retried; after the switch the old
            // version is no longer written and the two would differ by whatever came in since.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String collection : TimelineCollections.ALL) {
                    assertSameDocuments(collection, normalised(collection, paused.building()),
                            normalised(collection, before));
                }
            });
            rebuilder.switchOver(TimelineProjection.GROUP);
            assertThat(readModels.liveVersion(TimelineProjection.GROUP)).isEqualTo(paused.building());
            rebuilder.dropRetired(TimelineProjection.GROUP);
        } finally {
            rebuilder.abandon(TimelineProjection.GROUP); // a failed attempt must not leave a rebuild running
        }
    }

    @Test
    void a_rebuild_paused_at_the_head_resumed_and_abandoned_leaves_the_next_rebuilds_working() {
        HubClient hub = new HubClient(port);
        ingestPatients(hub, 6);
        rebuilder.start(TimelineProjection.GROUP, false, 2, 3);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuilder.progress(TimelineProjection.GROUP).caughtUp());
            assertThat(rebuilder.pause(TimelineProjection.GROUP).state()).isEqualTo("PAUSED");
            rebuilder.start(TimelineProjection.GROUP, false);
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuilder.progress(TimelineProjection.GROUP).caughtUp());
            rebuilder.pause(TimelineProjection.GROUP);
        } finally {
            rebuilder.abandon(TimelineProjection.GROUP);
        }

        // what the readers test starts next; versions are never reused, so the next is not live + 1
        int timelineLive = readModels.liveVersion(TimelineProjection.GROUP);
        try {
            rebuildStarted(hub, "patient-summary", "?autoSwitch=false&batchSize=7");
            int timelineNext = rebuildStarted(hub, "timeline", "?batchSize=7");
            assertThat(timelineNext).isGreaterThan(timelineLive + 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> progress(hub, "patient-summary").path("caughtUp")
                    .asBoolean());
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> readModels.liveVersion(TimelineProjection.GROUP) == timelineNext);
        } finally {
            rebuilder.abandon(PatientSummaryProjection.GROUP);
            rebuilder.abandon(TimelineProjection.GROUP);
            rebuilder.dropRetired(TimelineProjection.GROUP);
        }
    }

    @Test
    void a_timeline_an_earlier_hub_wrote_is_read_whole_until_the_hub_rebuilds_it_on_start() {
        HubClient hub = new HubClient(port);
        Map<String, String> expected = new LinkedHashMap<>();
        ingestPatients(hub, 3).forEach((patient, ignored) -> expected.put(patient,
                entries(hub.get("/api/patients/" + patient + "/timeline?limit=2"))));
        int before = readModels.liveVersion(TimelineProjection.GROUP);
        ReadModelScope live = readModels.version(before);
        // the format before day buckets: each record's index lists its entry ids whole, and there are no keys
        TimelineKeys keys = new TimelineKeys(live);
        for (Document index : live.collection(TimelineCollections.RECORD_INDEX).find().into(new ArrayList<>())) {
            List<String> ids = keys.allKeys(keys.filed(List.of(index.getString("_id")))).stream()
                    .map(TimelineKeys.Key::factId).toList();
            live.collection(TimelineCollections.RECORD_INDEX).replaceOne(new Document("_id", index.get("_id")),
                    new Document("_id", index.get("_id")).append(TimelineKeys.LEGACY, ids));
        }
        live.collection(TimelineCollections.KEYS).deleteMany(new Document());
        assertThat(TimelineKeys.writtenBeforeBuckets(live)).isTrue();

        expected.forEach((patient, entries) -> assertThat(entries(hub.get("/api/patients/" + patient
                + "/timeline?limit=2"))).as("read whole").isEqualTo(entries));
        try {
            rebuilder.resumeInterrupted(); // what the hub does once it is ready
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> readModels.liveVersion(TimelineProjection.GROUP) != before);
            assertThat(TimelineKeys.writtenBeforeBuckets(readModels.live(TimelineProjection.GROUP))).isFalse();
            expected.forEach((patient, entries) -> assertThat(entries(hub.get("/api/patients/" + patient
                    + "/timeline?limit=2"))).as("rebuilt").isEqualTo(entries));
        } finally {
            rebuilder.abandon(TimelineProjection.GROUP);
            rebuilder.dropRetired(TimelineProjection.GROUP);
        }
    }

    @Test
    void the_replay_cli_rebuilds_through_a_running_hub_and_shows_each_processors_status() {
        ingestPatients(new HubClient(port), 2);
        int before = readModels.liveVersion(TimelineProjection.GROUP);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String hub = "--hub=http://127.0.0.1:" + port;
            String token = "--token=" + TestTokens.allRoles();
            assertThat(HubCli.run(new String[] {"replay", "rebuild", "timeline", hub, token, "--drop-old",
                    "--poll-ms=50"})).isZero();
            assertThat(HubCli.run(new String[] {"replay", "status", hub, token})).isZero();
        } finally {
            System.setOut(stdout);
        }
        int after = readModels.liveVersion(TimelineProjection.GROUP); // above before + 1 after an abandoned one
        assertThat(after).isGreaterThan(before);
        String status = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).contains("PROCESSOR").contains("LAG").contains("REPLAYING");
        assertThat(status.lines().filter(l -> l.startsWith("timeline ")).findFirst().orElseThrow())
                .contains("v" + after);
    }

    /** Documents by _id; record-index id lists as sets (segments add them in a different order). */
    /** Names only the documents that differ (a view of 1,000+ documents prints elided, hiding the difference). */
    private static void assertSameDocuments(String collection, List<Document> rebuilt, List<Document> live) {
        Map<Object, Document> rebuiltById = new LinkedHashMap<>();
        rebuilt.forEach(d -> rebuiltById.put(d.get("_id"), d));
        List<String> differences = new ArrayList<>();
        for (Document expected : live) {
            Document actual = rebuiltById.remove(expected.get("_id"));
            if (!expected.equals(actual)) {
                differences.add("live " + expected.toJson() + "\n  rebuilt "
                        + (actual == null ? null : actual.toJson()));
            }
        }
        rebuiltById.values().forEach(d -> differences.add("live null\n  rebuilt " + d.toJson()));
        assertThat(differences).as(collection + ": documents that differ").isEmpty();
    }

    private List<Document> normalised(String collection, int version) {
        List<Document> documents = readStore.getCollection(ReadModelScope.collectionName(collection, version))
                .find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        documents.forEach(d -> d.replaceAll((key, value) -> value instanceof List<?> list && !list.isEmpty()
                && list.get(0) instanceof String ? list.stream().map(String.class::cast).sorted().toList() : value));
        return documents;
    }

    /** The entries only: the page also says how current the view is, which is not what is compared here. */
    /**
     * The summary as the rebuilt projection makes it: care gaps, alerts and quality are merged in at read time from
     * other views (not rebuilt here), and the care-gap clock moves with whatever else the shared hub handles.
     */
    private static String rebuiltPart(HubClient.Response summary) {
        if (summary.status() != 200) {
            return summary.body();
        }
        com.fasterxml.jackson.databind.node.ObjectNode view =
                (com.fasterxml.jackson.databind.node.ObjectNode) summary.json();
        view.remove(java.util.List.of("careGaps", "alerts", "quality"));
        return view.toString();
    }

    private static String entries(HubClient.Response timeline) {
        return timeline.status() == 200 ? timeline.json().path("entries").toString() : timeline.body();
    }

    /** Starts a rebuild over HTTP; returns the version it builds. */
    private static int rebuildStarted(HubClient hub, String projection, String query) {
        HubClient.Response started = hub.post("/api/admin/projections/" + projection + "/rebuild" + query, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json().path("building").asInt();
    }

    private static JsonNode progress(HubClient hub, String projection) {
        return hub.get("/api/admin/projections/" + projection + "/rebuild").json();
    }

    /** Patients with a lab result each, via HL7 ORU: summary and timeline entries. Returns patient -> record. */
    private Map<String, String> ingestPatients(HubClient hub, int count) {
        Map<String, String> patients = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String control = UUID.randomUUID().toString().substring(0, 12);
            String oru = "MSH|^~\\&|LAB|BLUEGREEN|HUB|HIE|20261122101500||ORU^R01|" + control + "|P|2.5.1\r"
                    + "PID|1||B-" + control + "^^^BLUEGREEN^MR||" + TestPeople.family() + "^Una||"
                    + TestPeople.birthDate().replace("-", "") + "|F\r"
                    + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                    + "OBX|1|NM|2345-7^Glucose^LN||" + (80 + i) + "|mg/dL|70-99|H|||F|||20261122100000\r"
                    + "OBX|2|NM|2160-0^Creatinine^LN||1." + i + "|mg/dL|0.6-1.3||||F|||20261122100000\r";
            HubClient.Response ack = hub.post("/ingest/hl7v2", "text/plain", oru.getBytes(StandardCharsets.UTF_8));
            assertThat(ack.body()).contains("MSA|AA");
            String record = pseudonyms.sourceRecordId("BLUEGREEN", "B-" + control).value();
            patients.put(record, record);
        }
        long head = eventStore.createHeadToken().position().orElseThrow();
        Map<String, String> byPatient = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/patients/none/timeline?minPosition="
                + head).status() == 404);
        patients.keySet().forEach(record -> byPatient.put(masterPatientOf(hub, record), record));
        // a summary with minPosition waits for every view it merges (clinical record, care gaps, alerts, quality)
        byPatient.keySet().forEach(patient -> assertThat(hub.get("/api/patients/" + patient + "?minPosition="
                + head).status()).isEqualTo(200));
        return byPatient;
    }

    private String masterPatientOf(HubClient hub, String sourceRecord) {
        Document record = readModels.live(PatientSummaryProjection.GROUP)
                .collection(SummaryCollections.SOURCE_RECORDS).find(new Document("_id", sourceRecord)).first();
        assertThat(record).isNotNull();
        return record.getString("masterPatientId");
    }
}
