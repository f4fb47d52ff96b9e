package org.hiehub.hub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.MessageParser;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile input (issue #7): thousands of malformed HL7 v2 and FHIR payloads, mutated from the repository's fixtures
 * with a fixed seed, go through the ingestion service in process, and a few hundred through HTTP and MLLP. Nothing
 * may crash or hang; whatever is accepted must be a stored message whose re-parsed content is sane; whatever is
 * refused must be a dead letter with a reason; oversized and deeply nested payloads must be refused.
 */
@HubIntegrationTest
class HostileInputFuzzTest {

    static final long SEED = 20261122L;
    static final int IN_PROCESS_HL7 = Integer.getInteger("fuzz.hl7", 700);
    static final int IN_PROCESS_FHIR = Integer.getInteger("fuzz.fhir", 300);
    static final int OVER_THE_WIRE = Integer.getInteger("fuzz.wire", 40);
    static final long PER_PAYLOAD_SECONDS = 20;

    @LocalServerPort
    int port;
    @Autowired
    IngestionService ingestion;
    @Autowired
    List<MessageParser> parsers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MllpListener mllp;
    final ExecutorService worker = Executors.newSingleThreadExecutor();
    final Map<String, int[]> tally = new TreeMap<>();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void malformed_payloads_in_process_are_refused_with_a_reason_or_stored_sane_and_nothing_crashes_or_hangs()
            throws Exception {
        HostilePayloads payloads = new HostilePayloads(SEED);
        assumeTrue(payloads.hasSeeds(), "fixtures of command-side not found");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < IN_PROCESS_HL7 + IN_PROCESS_FHIR; i++) {
            boolean hl7 = i < IN_PROCESS_HL7;
            HostilePayloads.Case c = hl7 ? payloads.hl7() : payloads.fhir();
            MessageFormat format = hl7 ? MessageFormat.HL7V2 : MessageFormat.FHIR_BUNDLE;
            IngestOutcome outcome;
            try {
                String peer = "fuzz-" + i;
                outcome = inTime(() -> ingestion.ingest(new InboundMessage(format, "fuzz", peer, c.payload(),
                        Instant.now())));
            } catch (Exception e) {
                problems.add("#" + i + " " + c.mutation() + ": " + e);
                continue;
            }
            count(c.mutation(), outcome);
            check(i, c, format, outcome, problems);
        }
        System.out.println("fuzz outcomes (accepted, duplicate, rejected) by mutation: " + describe());
        assertThat(problems).isEmpty();
    }

    @Test
    void oversized_and_deeply_nested_payloads_are_refused() throws Exception {
        byte[] hl7 = ("MSH|^~\\&|A|B|C|D|20260101000000||ADT^A01|X|P|2.5.1\rPID|1||1^^^B^MR||"
                + "X".repeat(4 * 1024 * 1024) + "\r").getBytes(StandardCharsets.ISO_8859_1);
        IngestOutcome big = ingestion.ingest(new InboundMessage(MessageFormat.HL7V2, "fuzz", "big", hl7, Instant.now()));
        assertThat(big.status()).isEqualTo(IngestOutcome.Status.REJECTED);
        assertThat(big.reason()).contains("exceeds the limit");

        String nest = "[".repeat(5000) + "]".repeat(5000);
        byte[] json = ("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"x\":" + nest + ",\"entry\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        IngestOutcome deep = inTime(() -> ingestion.ingest(new InboundMessage(MessageFormat.FHIR_BUNDLE, "fuzz", "deep",
                json, Instant.now())));
        assertThat(deep.status()).isEqualTo(IngestOutcome.Status.REJECTED);
        assertThat(deep.deadLetterId()).isNotNull();
    }

    @Test
    void malformed_payloads_over_http_and_mllp_get_an_answer_and_never_a_server_error() throws Exception {
        HostilePayloads payloads = new HostilePayloads(SEED + 1);
        assumeTrue(payloads.hasSeeds(), "fixtures of command-side not found");
        HubClient hub = new HubClient(port);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < OVER_THE_WIRE; i++) {
            HostilePayloads.Case hl7 = payloads.hl7();
            HubClient.Response answer = inTime(() -> hub.post("/ingest/hl7v2", "application/hl7-v2", hl7.payload()));
            if (answer.status() >= 500) {
                problems.add("HTTP hl7 #" + i + " " + hl7.mutation() + " -> " + answer.status());
            }
            HostilePayloads.Case fhir = payloads.fhir();
            HubClient.Response fhirAnswer = inTime(() -> hub.post("/fhir", "application/fhir+json", fhir.payload()));
            if (fhirAnswer.status() >= 500) {
                problems.add("HTTP fhir #" + i + " " + fhir.mutation() + " -> " + fhirAnswer.status() + " "
                        + fhirAnswer.body());
            }
        }
        for (int i = 0; i < OVER_THE_WIRE; i++) {
            HostilePayloads.Case c = payloads.hl7();
            String ack = mllp(c.payload());
            // an answer (AA, AE or AR) or a closed connection for a frame it could not read; never silence
            if (ack != null && !ack.isEmpty() && !ack.contains("MSA|")) {
                problems.add("MLLP #" + i + " " + c.mutation() + " answered " + ack);
            }
        }
        assertThat(problems).isEmpty();
        // still healthy afterwards; on a loaded machine a health probe (a store ping) may time out for a moment
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HubClient.Response health = hub.get("/actuator/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
        });
    }

    private void check(int i, HostilePayloads.Case c, MessageFormat format, IngestOutcome outcome,
                       List<String> problems) {
        String name = "#" + i + " " + c.mutation() + " " + outcome.status();
        if (outcome.status() == IngestOutcome.Status.REJECTED) {
            if (outcome.deadLetterId() == null || outcome.reason() == null || outcome.reason().isBlank()) {
                problems.add(name + ": refused without a dead letter or a reason");
                return;
            }
            Integer stored = jdbc.queryForObject("select count(*) from dead_letter where id = ? and length(reason) > 0",
                    Integer.class, outcome.deadLetterId());
            if (stored == null || stored != 1) {
                problems.add(name + ": dead letter " + outcome.deadLetterId() + " not stored");
            }
            return;
        }
        List<byte[]> raw = jdbc.query("select payload from raw_message where message_key = ?",
                (rs, n) -> rs.getBytes(1), outcome.messageKey());
        if (raw.size() != 1) {
            problems.add(name + ": accepted but no raw message " + outcome.messageKey());
            return;
        }
        MessageParser parser = parsers.stream().filter(p -> p.format() == format).findFirst().orElseThrow();
        try {
            ParsedMessage parsed = parser.parse(new InboundMessage(format, "fuzz", "check", raw.get(0), Instant.now()));
            String insane = insanity(parsed, format);
            if (insane != null) {
                problems.add(name + ": accepted garbage: " + insane);
            }
        } catch (Exception e) {
            problems.add(name + ": the stored payload no longer parses: " + e);
        }
    }

    /** Why an accepted message's content is not sane, or null. */
    private static String insanity(ParsedMessage parsed, MessageFormat format) {
        // FHIR names its sender by the caller (token, header), which an in-process call does not have
        if (format == MessageFormat.HL7V2 && (parsed.sourceSystem() == null || parsed.sourceSystem().isBlank())) {
            return "no source system (MSH-3/4)";
        }
        for (ParsedMessage.PatientPart patient : parsed.patients()) {
            if (patient.localId() == null || patient.localId().isBlank()
                    || patient.localId().chars().anyMatch(ch -> ch < 0x20)) {
                return "patient without a usable local id: " + patient.localId();
            }
            LocalDate birth = patient.demographics() == null ? null : patient.demographics().birthDate();
            if (birth != null && (birth.getYear() < 1850 || birth.isAfter(LocalDate.now().plusDays(1)))) {
                return "implausible birth date " + birth;
            }
            int n = 0;
            for (ParsedMessage.FactDraft draft : patient.facts()) {
                ClinicalEvent fact = draft.bind(SourceRecordId.of("sr-fuzz"), "mk-fuzz", "f-" + n++);
                if (fact == null || fact.factId() == null) {
                    return "a fact that binds to nothing";
                }
            }
        }
        return null;
    }

    private String mllp(byte[] payload) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", mllp.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PER_PAYLOAD_SECONDS));
            OutputStream out = socket.getOutputStream();
            out.write(0x0b);
            out.write(payload);
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != 0x1c; b = in.read()) {
                ack.write(b);
            }
            return ack.toString(StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("MLLP listener did not answer within " + PER_PAYLOAD_SECONDS + " s", e);
        } catch (java.net.SocketException e) {
            return null; // reset by the listener: refused at the framing layer
        }
    }

    private <T> T inTime(java.util.concurrent.Callable<T> call) throws Exception {
        Future<T> future = worker.submit(call);
        try {
            return future.get(PER_PAYLOAD_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no answer within " + PER_PAYLOAD_SECONDS + " s (a hang)", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void count(String mutation, IngestOutcome outcome) {
        tally.computeIfAbsent(mutation, m -> new int[3])[outcome.status().ordinal()]++;
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        tally.forEach((m, c) -> text.append(m).append(' ').append(c[0]).append('/').append(c[1]).append('/')
                .append(c[2]).append("; "));
        return text.toString();
    }
}
