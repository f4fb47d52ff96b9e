package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hiehub.command.ingest.hl7v2.Hl7Batch;
import org.hiehub.command.ingest.hl7v2.Hl7Text;
import org.hiehub.command.ingest.hl7v2.MshHeader;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every message of the shared HL7 v2 sample corpus ({@code shared/data/hl7v2_*}, or {@code HUB_SHARED_DATA})
 * through the HTTP entry point: none crashes the hub, each is accepted or refused with a reason, an accepted ORU or
 * VXU has exactly one stored observation per OBX, a VXU one immunization per RXA and an A11 or A13 its one
 * cancellation. The converter's samples reuse one control id per sender for different messages, and other tests
 * of the same hub send messages of their own under common senders and ids; the test sends each different message
 * under a control id of its own for this run, so that its mapping is exercised rather than refused as a reused id.
 * Skipped when the corpus is not there.
 */
@HubIntegrationTest
class Hl7v2CorpusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void every_corpus_message_is_accepted_with_all_its_observations_or_refused_with_a_reason() throws IOException {
        List<Path> folders = corpusFolders();
        assumeTrue(!folders.isEmpty(), "shared HL7 v2 corpus not present");
        HubClient hub = new HubClient(port);
        int accepted = 0;
        int rejected = 0;
        int observations = 0;
        int cancellations = 0;
        int cancellationsSent = 0;
        int renamed = 0;
        Map<String, String> sentUnder = new HashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (Path file : files(folders)) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> messages = new ArrayList<>();
            for (String message : Hl7Batch.split(text).messages()) {
                String unique = uniqueControlId(message, run, sentUnder);
                renamed += unique.contains(run + "-") ? 1 : 0;
                messages.add(unique);
            }
            // an envelope makes the endpoint answer with a result per message, even for single-message files
            String batch = "FHS|^~\\&\r" + String.join("", messages) + "FTS|" + messages.size() + "\r";
            HubClient.Response response = hub.post("/ingest/hl7v2", "text/plain",
                    batch.getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(file + ": " + response.body()).isEqualTo(200);
            JsonNode results = response.json().path("results");
            assertThat(results.size()).as(file.toString()).isEqualTo(messages.size());
            for (JsonNode result : results) {
                String message = messages.get(result.path("index").asInt());
                String status = result.path("status").asText();
                cancellationsSent += isType(message, "ADT^A11") || isType(message, "ADT^A13") ? 1 : 0;
                if ("REJECTED".equals(status)) {
                    rejected++;
                    assertThat(result.path("error").asText()).as(file + " #" + result.path("index")).isNotBlank()
                            .as("each different message goes under its own control id").doesNotContain(
                                    "already used this message control id");
                    assertThat(result.path("deadLetterId").asText()).isNotBlank();
                } else {
                    accepted++;
                    String key = result.path("messageKey").asText();
                    if ("ACCEPTED".equals(status) && (isType(message, "ORU^R01") || isType(message, "VXU^V04"))) {
                        long obx = segments(message, "OBX");
                        assertThat(stored(key, "ObservationRecorded")).as(file.toString()).isEqualTo(obx);
                        observations += (int) obx;
                    }
                    if ("ACCEPTED".equals(status) && (isType(message, "ADT^A11") || isType(message, "ADT^A13"))) {
                        assertThat(stored(key, isType(message, "ADT^A11") ? "EncounterCancelled"
                                : "DischargeCancelled")).as(file.toString()).isEqualTo(1);
                        cancellations++;
                    }
                    if ("ACCEPTED".equals(status) && isType(message, "VXU^V04")) {
                        assertThat(stored(key, "ImmunizationRecorded")).as(file.toString())
                                .isEqualTo(segments(message, "RXA"));
                    }
                }
            }
        }
        System.out.printf("HL7 v2 corpus: %d accepted (incl. duplicates), %d refused, %d observations, "
                + "%d visit cancellations, %d renamed apart from another message under the same sender and id%n",
                accepted, rejected, observations, cancellations, renamed);
        assertThat(accepted).isPositive();
        assertThat(cancellations > 0 || cancellationsSent == 0)
                .as("of %d A11/A13 sent, at least one accepted and checked", cancellationsSent).isTrue();
    }

    /**
     * The message with MSH-10 made this run's own ("MSG00001.a1b2c3"), or, when an earlier different message of the
     * run had its sender and control id (as the hub keys them: {@link MshHeader#sourceSystem()}, MSH-10), one of its
     * own ("MSG00001.a1b2c3-7"). A re-send (the same message but for MSH-7, as the hub judges one) keeps its id, and
     * so does the same renamed message met again: both stay duplicates. The run tag keeps apart what other tests of
     * the same hub sent under the corpus's senders and ids.
     */
    static String uniqueControlId(String message, String run, Map<String, String> sentUnder) {
        Optional<MshHeader> header = MshHeader.of(Hl7Text.normalise(message));
        int end = message.indexOf('\r');
        if (header.isEmpty() || header.get().controlId() == null || end < 0) {
            return message;
        }
        String separator = String.valueOf(header.get().fieldSeparator());
        String[] msh = message.substring(0, end).split(Pattern.quote(separator), -1);
        String sender = header.get().sourceSystem() + separator;
        for (int n = 1; ; n++) {
            String id = header.get().controlId() + "." + run + (n == 1 ? "" : "-" + n);
            msh[9] = id;
            String candidate = String.join(separator, msh) + message.substring(end);
            String earlier = sentUnder.putIfAbsent(sender + id, candidate);
            if (earlier == null || Hl7Text.sameMessage(earlier, candidate)) {
                return candidate;
            }
        }
    }

    long stored(String messageKey, String event) {
        Long n = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = ?", Long.class, messageKey, "org.hiehub.api.clinical." + event);
        return n == null ? 0 : n;
    }

    static boolean isType(String message, String type) {
        String msh = message.substring(0, Math.max(0, message.indexOf('\r')));
        String[] fields = msh.split("\\|", -1);
        return fields.length > 8 && fields[8].startsWith(type);
    }

    static long segments(String message, String name) {
        return Arrays.stream(message.split("\r")).filter(s -> s.startsWith(name + "|")).count();
    }

    static List<Path> files(List<Path> folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(f -> {
                    String name = f.getFileName().toString();
                    return (name.endsWith(".hl7") || name.endsWith(".txt")) && !name.startsWith("README")
                            && !name.startsWith("LICENSE");
                }).sorted().forEach(files::add);
            }
        }
        return files;
    }

    static List<Path> corpusFolders() throws IOException {
        Path data = null;
        String configured = System.getenv("HUB_SHARED_DATA");
        if (configured != null) {
            data = Path.of(configured);
        } else {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null && data == null; dir = dir.getParent()) {
                Path candidate = dir.resolve("shared/data");
                if (Files.isDirectory(candidate)) {
                    data = candidate;
                }
            }
        }
        if (data == null || !Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(data)) {
            return list.filter(p -> p.getFileName().toString().startsWith("hl7v2_")).sorted().toList();
        }
    }
}
