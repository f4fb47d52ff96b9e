package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hiehub.command.ingest.fhir.FhirFixtures.NDJSON;
import static org.hiehub.command.ingest.fhir.FhirFixtures.ndjson;
import static org.hiehub.command.ingest.fhir.FhirFixtures.resource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.hiehub.command.ingest.batch.BatchPart;
import org.junit.jupiter.api.Test;

class NdjsonBatchFormatTest {

    private static final List<String> EXAMPLES = new String(resource("fhir/official/examples-pat1-and-example.ndjson"),
            StandardCharsets.UTF_8).lines().toList();
    /**
     * The body's lines: 1 Patient "example" (examples line 6), 2 Patient "pat1" (examples line 1), 3 an Observation
     * of "example", 4 blank, 5 a MedicationRequest of "pat1", 6 an Organization (no patient), 7 an Observation
     * of "Patient/nobody", 8 truncated JSON, 9 a Condition of "example".
     */
    private static final String BODY = String.join("\n", example(6), example(1), example(9), "", example(2),
            example(13), example(9).replace("Patient/example", "Patient/nobody"), "{\"resourceType\":\"Obs",
            example(11)) + "\n";

    @Test
    void a_body_is_cut_into_parts_of_whole_patients_and_what_cannot_be_placed_goes_last() throws RejectedInput {
        List<BatchPart> parts = format(3).parts(BODY.getBytes(StandardCharsets.UTF_8), "127.0.0.1");

        assertThat(parts).extracting(BatchPart::lines).containsExactly(new int[] {1, 3, 9}, new int[] {2, 5, 6},
                new int[] {7, 8});
        ParsedMessage example = NDJSON.parse(ndjson(parts.get(0).text()));
        assertThat(example.patients()).extracting(ParsedMessage.PatientPart::localId).containsExactly("12345");
        assertThat(example.patients().get(0).facts()).hasSize(2);
        ParsedMessage pat1 = NDJSON.parse(ndjson(parts.get(1).text()));
        assertThat(pat1.patients()).extracting(ParsedMessage.PatientPart::localId).containsExactly("654321");
        assertThat(pat1.unsupported()).extracting(u -> u.contentType() + "=" + u.count())
                .as("the Organization rides with the patient before it").containsExactly("Organization=1");
        assertThatThrownBy(() -> NDJSON.parse(ndjson(parts.get(2).text()))).isInstanceOfSatisfying(
                RejectedInput.class, e -> assertThat(e.location()).as("the part's line 2: the body's unreadable 8")
                        .isEqualTo("line 2"));
        assertThat(format(3).parts(BODY.getBytes(StandardCharsets.UTF_8), "127.0.0.1"))
                .as("the same body, the same parts: a resumed or resent batch meets them again")
                .extracting(BatchPart::text).containsExactlyElementsOf(parts.stream().map(BatchPart::text).toList());
    }

    @Test
    void a_body_of_at_most_one_part_or_of_nothing_placeable_is_one_message_as_sent() {
        List<BatchPart> whole = format(20).parts(BODY.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        String nobody = String.join("\n", example(9), example(10), example(11)).replace("Patient/example",
                "Patient/nobody");

        assertThat(whole).singleElement().satisfies(small -> {
            assertThat(small.text()).isEqualTo(BODY);
            assertThat(small.lines()).as("numbered as sent").isNull();
        });
        assertThat(format(1).parts(nobody.getBytes(StandardCharsets.UTF_8), "127.0.0.1")).singleElement()
                .satisfies(refusedWhole -> {
                    assertThat(refusedWhole.text()).isEqualTo(nobody);
                    assertThat(refusedWhole.lines()).as("numbered as sent").isNull();
                });
    }

    @Test
    void a_body_sent_alone_is_its_bytes_exactly_byte_order_mark_included() {
        byte[] marked = ("\uFEFF" + BODY).getBytes(StandardCharsets.UTF_8);

        assertThat(format(20).sentAlone(marked)).hasValueSatisfying(alone -> {
            assertThat(alone.bytes()).as("the hash the body sent alone is known by").isEqualTo(marked);
            assertThat(alone.lines()).isNull();
        });
        assertThat(format(20).parts(marked, "127.0.0.1")).singleElement()
                .as("a body of one part is that message too: sent either way, the other is its duplicate")
                .satisfies(part -> {
                    assertThat(part.bytes()).isEqualTo(marked);
                    assertThat(part.lines()).isNull();
                });
    }

    private static NdjsonBatchFormat format(int partLines) {
        return new NdjsonBatchFormat(NDJSON, new IngestionProperties(4_194_304, 67_108_864L,
                2_000, new IngestionProperties.Pacing(Duration.ofSeconds(1), Duration.ofSeconds(2), List.of()),
                new IngestionProperties.Batches(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofDays(30), partLines)));
    }

    private static String example(int line) {
        return EXAMPLES.get(line - 1);
    }
}
