package org.hiehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench-ingest-hl7}'s options: read as a user writes them, and a mistyped one refused, not ignored. */
class Hl7IngestBenchCommandTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void help_describes_the_options_and_sends_nothing() {
        int exit = commandLine(new Hl7IngestBenchCommand()).execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--messages").contains("--connections").contains("--warm-up")
                .contains("--port").contains("--url").contains("--token").contains("--data-dir")
                .doesNotContain("msgs in");
    }

    @Test
    void an_unknown_option_is_refused_with_its_name() {
        int exit = commandLine(new Hl7IngestBenchCommand()).execute("--mesages", "5");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--mesages");
        assertThat(out.toString()).doesNotContain("msgs in");
    }

    @Test
    void an_option_out_of_range_is_refused_not_clamped() {
        int exit = commandLine(new Hl7IngestBenchCommand()).execute("--connections", "1,20", "--warm-up", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--connections must be from 1 to 16, not 20");
        assertThat(out.toString()).doesNotContain("msgs in");
    }

    @Test
    void options_are_read_in_either_form_and_default_otherwise() {
        Hl7IngestBenchCommand given = new Hl7IngestBenchCommand();
        commandLine(given).parseArgs("--data-dir=/tmp/hub-data", "--messages", "3000", "--connections=1,4",
                "--warmup", "0", "--url=http://localhost:8081");

        assertThat(given.messages).isEqualTo(3000);
        assertThat(given.connections).containsExactly(1, 4);
        assertThat(given.warmUp).isZero();
        assertThat(given.url).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(given.host).isEqualTo("127.0.0.1");
        assertThat(given.port).isEqualTo(2575);

        Hl7IngestBenchCommand defaults = new Hl7IngestBenchCommand();
        commandLine(defaults).parseArgs();
        assertThat(defaults.messages).isEqualTo(1000);
        assertThat(defaults.connections).containsExactly(1, 4);
        assertThat(defaults.warmUp).isEqualTo(1000);
    }

    private CommandLine commandLine(Hl7IngestBenchCommand command) {
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }
}
