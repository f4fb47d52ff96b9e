package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hiehub.command.ingest.hl7v2.Hl7IngestBench;
import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code bench-ingest-hl7}'s plain MLLP sender against the running hub: every message stored and answered AA. */
@HubIntegrationTest
class Hl7IngestBenchOnHubTest {

    @Autowired
    MllpListener listener;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_short_run_is_answered_aa_for_every_message_and_stores_each_with_its_patient() {
        long before = benchMessagesStored();
        long labSubjectsBefore = labResultSubjects();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = Hl7IngestBench.run(new Hl7IngestBench.Settings(6, List.of(2), 2, "127.0.0.1", listener.port()),
                () -> null, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("ADT^A01       6 msgs").contains("ORU^R01       6 msgs").contains("ACKs {AA=6}")
                .contains("ACKs {AA=2}");
        assertThat(benchMessagesStored() - before).isEqualTo(14);
        assertThat(labResultSubjects() - labSubjectsBefore).as("each lab result stored about a registered record")
                .isEqualTo(7);
    }

    private long labResultSubjects() {
        return jdbc.queryForObject("""
                select count(*) from raw_message m join raw_message_subject s using (message_key)
                where m.source_system like 'BENCH-LAB%'""", Long.class);
    }

    private long benchMessagesStored() {
        return jdbc.queryForObject("select count(*) from raw_message where source_system like 'BENCH-%'", Long.class);
    }
}
