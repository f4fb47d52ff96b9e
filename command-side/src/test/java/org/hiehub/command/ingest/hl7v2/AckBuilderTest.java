package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.IngestOutcome;
import org.junit.jupiter.api.Test;

class AckBuilderTest {

    static final String ADT = "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|202611221200||ADT^A01^ADT_A01|CTRL-42|P|2.5.1\r"
            + "PID|1||12345^^^GHH^MR||Everyman^Adam\r";
    final AckBuilder acks = new AckBuilder();

    @Test
    void a_stored_message_is_acknowledged_with_aa_and_its_control_id() {
        List<String> ack = segments(acks.ackText(ADT, accepted()));

        assertThat(ack.get(0)).startsWith("MSH|^~\\&|HIEHUB|HIE|ADT1|GHH|");
        assertThat(ack.get(1)).isEqualTo("MSA|AA|CTRL-42");
        assertThat(ack).noneMatch(s -> s.startsWith("ERR"));
    }

    @Test
    void a_message_stored_in_a_warning_band_is_an_aa_with_a_warning_err_naming_the_findings() {
        IngestOutcome warned = new IngestOutcome(IngestOutcome.Status.ACCEPTED, "m-1", null, null, null, 0, false, 8,
                new QualityAssessment(82, "WARN", Map.of("accuracy", 70),
                        List.of("observation 8310-5 outside the physiologically possible range for its unit")));

        List<String> ack = segments(acks.ackText(ADT, warned));
        List<String> old = segments(acks.ackText(ADT.replace("|P|2.5.1", "|P|2.3"), warned));

        assertThat(ack.get(1)).isEqualTo("MSA|AA|CTRL-42");
        assertThat(ack.get(2)).startsWith("ERR|||0^Message accepted^HL70357").endsWith("|W")
                .contains("data quality 82 (WARN): observation 8310-5 outside the physiologically possible range");
        assertThat(old.get(1)).as("before 2.5 the text is in MSA-3, at most 80 characters")
                .startsWith("MSA|AA|CTRL-42|data quality 82 (WARN): observation 8310-5").hasSizeLessThan(110);
        assertThat(old.get(2)).isEqualTo("ERR|^^^0&Message accepted&HL70357");
    }

    @Test
    void a_duplicate_is_acknowledged_again_as_before() {
        IngestOutcome duplicate = new IngestOutcome(IngestOutcome.Status.DUPLICATE, "m-1", null, null, null, 0,
                false, 0, null);

        assertThat(segments(acks.ackText(ADT, duplicate)).get(1)).isEqualTo("MSA|AA|CTRL-42");
    }

    @Test
    void wrong_content_is_an_ae_whose_err_names_code_location_and_reason() {
        List<String> ack = segments(acks.ackText(ADT, rejected("PID-7 is not a valid HL7 date/time", "PID-7", 102,
                false)));

        assertThat(ack.get(1)).isEqualTo("MSA|AE|CTRL-42");
        assertThat(ack.get(2)).startsWith("ERR||PID^1^7|102^Data type error^HL70357")
                .contains("PID-7 is not a valid HL7 date/time");
    }

    @Test
    void a_sender_before_2_5_gets_its_error_in_msa_3_and_err_1() {
        for (String version : List.of("2.3", "2.3.1", "2.4")) {
            List<String> ack = segments(acks.ackText(ADT.replace("|P|2.5.1", "|P|" + version),
                    rejected("PID-7 is not a valid HL7 date/time", "PID-7", 102, false)));

            assertThat(ack.get(0)).endsWith("|P|" + version);
            assertThat(ack.get(1)).isEqualTo("MSA|AE|CTRL-42|PID-7 is not a valid HL7 date/time");
            assertThat(ack.get(2)).isEqualTo("ERR|PID^1^7^102&Data type error&HL70357");
        }
    }

    @Test
    void a_sender_refused_on_this_listener_is_told_so_at_msh_3() {
        List<String> ack = segments(acks.ackText(ADT, IngestOutcome.unauthorizedSender("ADT1^GHH")));

        assertThat(ack.get(1)).isEqualTo("MSA|AR|CTRL-42");
        assertThat(ack.get(2)).startsWith("ERR||MSH^1^3|207^Application internal error^HL70357");
    }

    @Test
    void an_unsupported_message_is_an_ar() {
        List<String> ack = segments(acks.ackText(ADT.replace("ADT^A01^ADT_A01", "SIU^S12"),
                rejected("unsupported message type SIU^S12", "MSH-9", 200, true)));

        assertThat(ack.get(1)).isEqualTo("MSA|AR|CTRL-42");
        assertThat(ack.get(2)).contains("|200^Unsupported message type^HL70357");
    }

    @Test
    void input_hapi_cannot_read_gets_a_hand_built_ar_with_the_control_id_if_recoverable() {
        String broken = "MSH|^~|ADT1|GHH|HIEHUB|HIE|202611221200||ADT^A01|CTRL-43|P|2.5.1\rPID|1||1";

        List<String> ack = segments(acks.ackText(broken, rejected("the message could not be read", null, 102,
                true)));

        assertThat(ack.get(0)).startsWith("MSH|^~\\&|HIEHUB||ADT1|GHH|").endsWith("|P|2.5.1");
        assertThat(ack.get(1)).isEqualTo("MSA|AR|CTRL-43");
        assertThat(ack.get(2)).isEqualTo("ERR|||102^Data type error^HL70357^^^^^^the message could not be read|E");
    }

    @Test
    void the_hand_built_ack_echoes_processing_id_and_version_with_that_version_s_err() {
        String broken = "MSH|^~|ADT1|GHH|HIEHUB|HIE|202611221200||ADT^A01|CTRL-44|T|2.3\rPID|1||1";

        List<String> ack = segments(acks.ackText(broken, rejected("the message could not be read", "MSH-2", 102,
                true)));

        assertThat(ack.get(0)).endsWith("|T|2.3");
        assertThat(ack.get(1)).isEqualTo("MSA|AR|CTRL-44|the message could not be read");
        assertThat(ack.get(2)).isEqualTo("ERR|MSH^1^2^102&Data type error&HL70357");
    }

    @Test
    void garbage_gets_a_fallback_ack_with_an_empty_msa_2() {
        List<String> ack = segments(acks.ackText("\u0000garbage", rejected("not an HL7 v2 message", null, 102,
                true)));

        assertThat(ack.get(1)).isEqualTo("MSA|AR|");
    }

    @Test
    void the_fallback_escapes_delimiters_in_the_reason() {
        String ack = AckBuilder.fallback("", "AE", 207, "OBX-5", "a|b^c");

        assertThat(ack).contains("ERR||OBX^1^5|207^Application internal error^HL70357^^^^^^a\\F\\b\\S\\c|E");
    }

    static IngestOutcome accepted() {
        return new IngestOutcome(IngestOutcome.Status.ACCEPTED, "m-1", null, null, null, 0, false, 3, null);
    }

    static IngestOutcome rejected(String reason, String location, int code, boolean structural) {
        return new IngestOutcome(IngestOutcome.Status.REJECTED, null, "dl-1", reason, location, code, structural,
                0, null);
    }

    static List<String> segments(String ack) {
        return Arrays.stream(ack.split("\r")).filter(s -> !s.isEmpty()).toList();
    }
}
