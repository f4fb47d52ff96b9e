package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hl7BatchTest {

    @Test
    void an_fhs_bhs_envelope_is_dropped_and_each_msh_starts_a_message() {
        Hl7Batch.Split split = Hl7Batch.split("FHS|^~\\&|LAB\rBHS|^~\\&|LAB\r"
                + "MSH|^~\\&|LAB|X|||2026||ORU^R01|1|P|2.5.1\rPID|1||A\rOBX|1|NM|X^Y^L||1\r"
                + "MSH|^~\\&|LAB|X|||2026||ORU^R01|2|P|2.5.1\rPID|1||B\rBTS|2\rFTS|1\r");

        assertThat(split.enveloped()).isTrue();
        assertThat(split.messages()).containsExactly(
                "MSH|^~\\&|LAB|X|||2026||ORU^R01|1|P|2.5.1\rPID|1||A\rOBX|1|NM|X^Y^L||1\r",
                "MSH|^~\\&|LAB|X|||2026||ORU^R01|2|P|2.5.1\rPID|1||B\r");
    }

    @Test
    void trailer_counts_that_disagree_with_what_arrived_mark_the_batch_incomplete() {
        String msh = "MSH|^~\\&|LAB|X|||2026||ORU^R01|1|P|2.5.1\rPID|1||A\r";

        assertThat(Hl7Batch.split("FHS|^~\\&\rBHS|^~\\&\r" + msh + "BTS|3\rFTS|1\r").incomplete())
                .containsExactly("BTS-1 counts 3 messages, 1 arrived");
        assertThat(Hl7Batch.split("FHS|^~\\&\rBHS|^~\\&\r" + msh + "BTS|1\rFTS|2\r").incomplete())
                .containsExactly("FTS-1 counts 2 batches, 1 arrived");
        assertThat(Hl7Batch.split("FHS|^~\\&\rBHS|^~\\&\r" + msh + msh + "BTS|2\rBHS|^~\\&\r" + msh
                + "BTS|1\rFTS|2\r").incomplete()).as("each batch counted on its own").isEmpty();
        assertThat(Hl7Batch.split("FHS|^~\\&\r" + msh + msh + "FTS|2\r").incomplete())
                .as("a file of messages without BHS, counted in FTS-1").isEmpty();
        assertThat(Hl7Batch.split("FHS|^~\\&\rBHS|^~\\&\r" + msh + "BTS\rFTS||note\r").incomplete())
                .as("no counts sent").isEmpty();
    }

    @Test
    void messages_separated_by_blank_lines_are_split_at_their_msh() {
        String body = new String(Hl7Fixtures.bytes("mirth-connect/TestADT.txt"), StandardCharsets.ISO_8859_1);

        Hl7Batch.Split split = Hl7Batch.split(body);

        assertThat(split.enveloped()).isFalse();
        assertThat(split.messages()).hasSize(124).allMatch(m -> m.startsWith("MSH|"));
    }

    @Test
    void the_text_msh_inside_a_field_does_not_split_a_message() {
        String body = new String(Hl7Fixtures.bytes("fhir-converter/ADT04-23.hl7"), StandardCharsets.UTF_8);

        assertThat(Hl7Batch.split(body).messages()).hasSize(1);
    }

    @Test
    void file_framing_before_the_msh_is_removed() {
        String body = new String(Hl7Fixtures.bytes("mirth-connect/hl7.txt"), StandardCharsets.ISO_8859_1);

        assertThat(Hl7Batch.split(body).messages()).singleElement().satisfies(m -> assertThat(m).startsWith("MSH|"));
    }

    @Test
    void text_before_the_first_msh_is_kept_so_it_can_be_refused() {
        assertThat(Hl7Batch.split("hello\n\nMSH|^~\\&|A|B|||2026||ADT^A01|1|P|2.5.1\n").messages()).hasSize(2);
    }
}
