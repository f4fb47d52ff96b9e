package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

@HubIntegrationTest
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    @Test
    void the_export_holds_every_event_as_stored_with_personal_data_still_encrypted() throws Exception {
        ReplayScenario patient = new ReplayScenario(new HubClient(port));
        patient.registerAtHospital("Ann");
        patient.updateAtHospital("Annabel");
        long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        Path file = dir.resolve("log.ndjson");

        ReplayCli.Result result = ReplayCli.run(context, "export", "--out", file.toString());

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).contains("exporting:").contains("exported ");
        List<JsonNode> events = read(file);
        assertThat((long) events.size()).isGreaterThanOrEqualTo(stored);
        assertThat(events).extracting(e -> e.path("position").asLong()).isSorted().doesNotHaveDuplicates();
        String text = Files.readString(file);
        assertThat(text).contains(patient.hospitalRecord).doesNotContain(patient.family).doesNotContain("Annabel");
        JsonNode update = events.stream().filter(e -> e.path("aggregateId").asText().equals(patient.hospitalRecord)
                && e.path("type").asText().endsWith("DemographicsUpdated")).findFirst().orElseThrow();
        assertThat(update.path("revision").asText()).isEqualTo("1");
        assertThat(update.path("timestamp").asText()).isNotBlank();
        assertThat(update.path("metaData").isObject()).isTrue();
        // the payload is the stored JSON: its personal field is the ciphertext the database holds
        String storedPayload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where global_index = ?", String.class, update.path("position").asLong());
        assertThat(update.path("payload")).isEqualTo(JSON.readTree(storedPayload));
    }

    @Test
    void since_a_position_or_a_time_exports_only_the_later_events() throws Exception {
        ReplayScenario patient = new ReplayScenario(new HubClient(port));
        long before = patient.registerAtHospital("Ann").path("position").asLong();
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        patient.updateAtHospital("Annabel");

        Path afterPosition = dir.resolve("after-position.ndjson");
        assertThat(ReplayCli.run(context, "export", "--since", Long.toString(before), "--out",
                afterPosition.toString()).exit()).isZero();
        assertThat(read(afterPosition)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("position").asLong()).isGreaterThan(before));

        Path afterTime = dir.resolve("after-time.ndjson");
        assertThat(ReplayCli.run(context, "export", "--since", between.toString(), "--out", afterTime.toString())
                .exit()).isZero();
        assertThat(read(afterTime)).isNotEmpty()
                .allSatisfy(e -> assertThat(Instant.parse(e.path("timestamp").asText())).isAfterOrEqualTo(between))
                .anySatisfy(e -> assertThat(e.path("type").asText()).endsWith("DemographicsUpdated"));
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }
}
