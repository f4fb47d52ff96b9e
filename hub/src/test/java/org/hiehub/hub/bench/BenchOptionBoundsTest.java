package org.hiehub.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The other benchmarks refuse an out-of-range option before they send or load anything, naming it and its range;
 * they used to clamp it and print figures for a run nobody asked for.
 */
class BenchOptionBoundsTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void fhir_ingestion_refuses_too_many_clients() {
        int exit = execute(new FhirIngestBench(), "--dir", "/nonexistent", "--clients", "40");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--clients must be from 1 to 16, not 40");
    }

    @Test
    void reads_refuse_a_level_of_no_clients() {
        int exit = execute(new ReadBench(), "--dir", "/nonexistent", "--clients", "1,0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--clients must be from 1 to 16, not 0");
    }

    @Test
    void the_soak_run_refuses_a_share_above_all() {
        int exit = execute(new SoakCommand(), "--minutes", "1", "--fhir-share", "150");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--fhir-share must be from 0 to 100, not 150");
    }

    private int execute(Object command, String... args) {
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
