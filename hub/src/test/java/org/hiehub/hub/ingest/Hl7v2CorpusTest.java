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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hiehub.command.ingest.hl7v2.Hl7Batch;
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
 * cancellation (the converter's samples reuse one control id per sender, so most of theirs are refused as reused).
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
        int renamed = 0;
        Map<String, String> sentUnder = new HashMap<>();
        for (Path file : files(folders)) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> messages = new ArrayList<>();
            for (String message : Hl7Batch.split(text).messages()) {
                String unique = uniqueControlId(message, sentUnder);
                renamed += unique.equals(message) ? 0 : 1;
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
                if ("REJECTED".equals(status)) {
                    rejected++;
                    assertThat(result.path("error").asText()).as(file + " #" + result.path("index")).isNotBlank();
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
                + "%d visit cancellations, %d sent under a control id of their own%n", accepted, rejected,
                observations, cancellations, renamed);
        assertThat(accepted).isPositive();
    }

    /**
     * The message, or when an earlier different message of the run had its sender (MSH-3, MSH-4) and control id
     * (MSH-10), the message with MSH-10 made its own ("MSG00001-7").
     */
    static String uniqueControlId(String message, Map<String, String> sentUnder) {
        int end = message.indexOf('\r');
        if (end < 0 || message.length() < 4 || !message.startsWith("MSH")) {
            return message;
        }
        String separator = String.valueOf(message.charAt(3));
        String[] msh = message.substring(0, end).split(Pattern.quote(separator), -1);
        if (msh.length <= 9 || msh[9].isBlank()) {
            return message;
        }
        String key = msh[2] + separator + msh[3] + separator + msh[9];
        String earlier = sentUnder.putIfAbsent(key, message);
        if (earlier == null || earlier.equals(message)) {
            return message;
        }
        for (int n = 2; ; n++) {
            msh[9] = msh[9] + "-" + n;
            String renamed = String.join(separator, msh) + message.substring(end);
            if (sentUnder.putIfAbsent(msh[2] + separator + msh[3] + separator + msh[9], renamed) == null) {
                return renamed;
            }
            msh[9] = msh[9].substring(0, msh[9].lastIndexOf('-'));
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
