package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's sending side against a scripted hub; {@code Hl7IngestBenchOnHubTest} runs it against a real one. */
class Hl7IngestBenchTest {

    ScriptedMllpHub hub;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void every_generated_message_goes_out_once_and_an_ack_naming_it_counts_as_accepted() throws Exception {
        hub = new ScriptedMllpHub(answer(controlId -> "MSA|AA|" + controlId));

        int exit = run(5, 2, 4);

        assertThat(exit).isZero();
        assertThat(hub.received()).hasSize(14);
        assertThat(hub.received().stream().map(ScriptedMllpHub::controlId).distinct()).hasSize(14);
        assertThat(hub.connections()).as("the warm-up's two, then the measured phases' two").isEqualTo(4);
        assertThat(output()).contains("ADT^A01       5 msgs").contains("ORU^R01       5 msgs")
                .contains("warm-up       4 msgs").contains("ACKs {AA=5}").contains("ACKs {AA=4}");
    }

    @Test
    void each_connection_level_sends_both_phases_with_people_and_control_ids_of_its_own() throws Exception {
        hub = new ScriptedMllpHub(answer(controlId -> "MSA|AA|" + controlId));

        int exit = Hl7IngestBench.run(new Hl7IngestBench.Settings(3, List.of(1, 2), 2, "127.0.0.1", hub.port()),
                () -> null, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(hub.received()).hasSize(2 + 2 * 6);
        assertThat(hub.received().stream().map(ScriptedMllpHub::controlId).distinct()).hasSize(14);
        assertThat(hub.connections()).as("the warm-up over the most connections, then 1, then 2").isEqualTo(5);
        String output = output();
        assertThat(output).contains("over 1, then 2 connection(s)").contains("warm-up       2 msgs");
        assertThat(output.indexOf("1 connection(s):")).isPositive().isLessThan(output.indexOf("2 connection(s):"));
        assertThat(output.split("ADT\\^A01       3 msgs", -1)).hasSize(3);
    }

    @Test
    void an_aa_that_answers_another_message_does_not_count_and_the_run_fails() throws Exception {
        hub = new ScriptedMllpHub(answer(controlId -> "MSA|AA|NOT-" + controlId));

        int exit = run(3, 1, 0);

        assertThat(exit).isEqualTo(1);
        assertThat(output()).contains("ACKs {answer-to-another-message=3}");
    }

    @Test
    void a_refusal_is_counted_under_its_code_and_the_run_fails() throws Exception {
        hub = new ScriptedMllpHub(answer(controlId -> "ERR|||207\rMSA|AE|" + controlId));

        assertThat(run(2, 1, 0)).isEqualTo(1);
        assertThat(output()).contains("ACKs {AE=2}");
    }

    @Test
    void a_host_other_than_loopback_is_refused_before_anything_is_sent() {
        assertThat(Hl7IngestBench.run(new Hl7IngestBench.Settings(1, List.of(1), 0, "192.0.2.1", 2575), () -> null,
                new PrintStream(printed, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(output()).doesNotContain("msgs in");
    }

    @Test
    void no_hub_listening_fails_before_any_phase() throws Exception {
        try (RefusedPort refused = new RefusedPort()) {
            assertThat(Hl7IngestBench.run(
                    new Hl7IngestBench.Settings(1000, List.of(1), 1000, "127.0.0.1", refused.port()), () -> null,
                    new PrintStream(printed, true, StandardCharsets.UTF_8))).isEqualTo(1);
        }
        assertThat(output()).doesNotContain("msgs in");
    }

    private int run(int messages, int connections, int warmUp) {
        Hl7IngestBench.Settings settings = new Hl7IngestBench.Settings(messages, List.of(connections), warmUp,
                "127.0.0.1", hub.port());
        return Hl7IngestBench.run(settings, () -> null, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** An ACK frame whose MSA (and any segments before it) the script makes from the received control id. */
    private static Function<byte[], byte[]> answer(Function<String, String> segments) {
        return received -> ScriptedMllpHub.frame("MSH|^~\\&|HUB|HIE|BENCH|X|20260101||ACK|A1|P|2.5\r"
                + segments.apply(ScriptedMllpHub.controlId(received)));
    }
}
