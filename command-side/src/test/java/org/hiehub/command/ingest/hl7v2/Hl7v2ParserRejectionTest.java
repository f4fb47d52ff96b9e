package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.fixture;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.message;

import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

class Hl7v2ParserRejectionTest {

    final Hl7v2Parser parser = new Hl7v2Parser();

    @Test
    void an_unsupported_message_type_is_refused_as_unprocessable_with_code_200() {
        assertRejected(fixture("fhir-converter/SIU-S12-01.hl7"), "MSH-9", 200, true);
    }

    @Test
    void input_that_is_not_hl7_is_refused_as_unreadable() {
        assertRejected(fixture("cdc-trusted-intermediary/empty.hl7"), null, 102, true);
        assertRejected(fixture("cdc-trusted-intermediary/msh_present_but_missing_all_fields.hl7"), null, 102, true);
        assertRejected(message("PID|1||123||Doe^Jane"), null, 102, true);
        assertRejected(message("garbage that is not a message"), null, 102, true);
    }

    @Test
    void a_header_without_message_type_or_encoding_characters_is_refused_naming_the_field() {
        assertRejected(fixture("cdc-trusted-intermediary/msh_present_but_missing_msh-9.hl7"), "MSH-9", 101, true);
        assertRejected(fixture("cdc-trusted-intermediary/msh_present_but_missing_msh-2.hl7"), "MSH-2", 102, true);
    }

    @Test
    void a_header_without_a_control_id_is_refused_at_msh_10() {
        // accepted before, answered AA with an empty MSA-2 that no sender can match to its message
        assertRejected(fixture("cdc-trusted-intermediary/msh_present_but_missing_msh-10.hl7"), "MSH-10", 101, true);
    }

    @Test
    void versions_outside_2_3_to_2_8_are_refused_with_code_203() {
        assertRejected(message("MSH|^~\\&|A|B|C|D|20261122||ADT^A01|1|P|2.2", "PID|1||1"), "MSH-12", 203, true);
        assertRejected(message("MSH|^~\\&|A|B|C|D|20261122||ADT^A01|1|P|9.9", "PID|1||1"), "MSH-12", 203, true);
        assertRejected(message("MSH|^~\\&|A|B|C|D|20261122||ADT^A01|1|P", "PID|1||1"), "MSH-12", 101, true);
    }

    @Test
    void impossible_dates_in_real_feeds_are_refused_with_their_location() {
        assertRejected(fixture("cdc-trusted-intermediary/002_NewSTEPs_ORU_R01.hl7"), "OBR-22", 102, false);
        assertRejected(fixture("cdc-trusted-intermediary/002_Epic_ORU_R01.hl7"), "PID-7", 102, false);
    }

    @Test
    void reasons_never_quote_the_input() {
        assertThatThrownBy(() -> parser.parse(message("MSH|^~\\&|A|B|C|D|20261122||ADT^A01|1|P|2.5.1",
                "PID|1||MRN-SECRET||Secretname^Jane||19700231")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.getMessage())
                        .doesNotContain("Secretname").doesNotContain("MRN-SECRET").doesNotContain("19700231"));
    }

    @Test
    void encoding_characters_that_are_not_four_different_delimiters_are_refused_at_msh_2() {
        assertRejected(message("MSH|^^^^|ADT1|GHH|HUB|HIE|202611221200||ADT^A08|M6|P|2.5.1", "PID|1||1^^^GHH^MR"),
                "MSH-2", 102, true);
        assertRejected(message("MSH|ABCD|ADT1|GHH|HUB|HIE|202611221200||ADT^A08|M7|P|2.5.1", "PID|1||1"),
                "MSH-2", 102, true);
        assertRejected(message("MSH|^~|&|ADT1|GHH|HUB|HIE|202611221200||ADT^A08|M8|P|2.5.1", "PID|1||1"),
                "MSH-2", 102, true);
    }

    private void assertRejected(InboundMessage message, String location, int code, boolean structural) {
        assertThatThrownBy(() -> parser.parse(message)).isInstanceOfSatisfying(RejectedInput.class, e -> {
            assertThat(e.location()).as(e.getMessage()).isEqualTo(location);
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.structural()).as(e.getMessage()).isEqualTo(structural);
        });
    }
}
