package org.hiehub.command.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.hiehub.command.ingest.IngestOutcome;
import org.junit.jupiter.api.Test;

class BatchResultTest {

    @Test
    void a_refusal_of_a_part_names_the_bodys_lines() {
        IngestOutcome refused = new IngestOutcome(IngestOutcome.Status.REJECTED, null, "dl-1",
                "line 2: Observation.subject does not resolve to a Patient in the message",
                "line 2: Observation.subject", 204, false, 0, null);

        BatchResult result = BatchResult.of(4, new BatchPart("{}\n{}\n{}", null, new int[] {7, 12, 13}), refused);

        assertThat(result.lines()).isEqualTo("7, 12-13");
        assertThat(result.location()).isEqualTo("line 12: Observation.subject");
        assertThat(result.error()).startsWith("line 12: Observation.subject does not resolve");
        assertThat(result.ack()).isEqualTo("AE");
        assertThat(result.status()).isEqualTo("REJECTED");
        assertThat(result.deadLetterId()).isEqualTo("dl-1");
        assertThat(result.errorCode()).isEqualTo(204);
    }

    @Test
    void line_ranges_are_cut_to_what_the_results_table_keeps_and_hl7_messages_have_none() {
        int[] everyOther = IntStream.range(0, 500).map(i -> 2 * i + 1).toArray();

        assertThat(BatchResult.ranges(everyOther)).hasSizeLessThanOrEqualTo(255).startsWith("1, 3, 5").endsWith(", …");
        assertThat(BatchResult.ranges(new int[] {1, 2, 3, 4})).isEqualTo("1-4");
        assertThat(BatchResult.renumbered("line 9: x", null)).isEqualTo("line 9: x");
        BatchResult accepted = BatchResult.of(0, new BatchPart("MSH|", "C1", null), new IngestOutcome(
                IngestOutcome.Status.ACCEPTED, "m-1", null, null, null, 0, false, 3, null));
        assertThat(accepted.lines()).isNull();
        assertThat(accepted.controlId()).isEqualTo("C1");
        assertThat(accepted.errorCode()).as("only a refusal has one").isNull();
        assertThat(accepted.facts()).isEqualTo(3);
    }
}
