package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.inbound;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Hl7v2ParserOruTest {

    final Hl7v2Parser parser = new Hl7v2Parser();

    static String[] oru(String version) {
        return new String[] {
            "MSH|^~\\&|LAB|ACME LAB|HIEHUB|HIE|202611221200||ORU^R01^ORU_R01|LAB-1|P|" + version,
            "PID|1||PAT-9^^^ACME^MR||Doe^Jane||19700101|F",
            Seg.of("PV1").set(1, "1").set(2, "O").set(19, "ENC-7").toString(),
            "ORC|RE|PLC-1|FIL-1",
            Seg.of("OBR").set(1, "1").set(2, "PLC-1").set(3, "FIL-1")
                    .set(4, "24323-8^Comprehensive metabolic panel^LN").set(7, "202611220800")
                    .set(22, "202611221100").set(24, "CH").set(25, "F").toString(),
            Seg.of("OBX").set(1, "1").set(2, "NM").set(3, "2345-7^Glucose^LN").set(5, ">400")
                    .set(6, "mg/dL^mg/dL^UCUM").set(7, "70-99").set(8, "HH").set(11, "F")
                    .set(14, "202611220815").set(23, "ACME Lab Central").toString(),
            "NTE|1||Repeated to confirm",
            "NTE|2||Critical value called to ward",
            "OBX|2|NM|GLU-L^Glucose local^L||<0.5|mmol/L|||||F",
            "OBX|3|CWE|600-7^Bacteria identified^LN||3092008^Staphylococcus aureus^SCT||||A|||F",
            "OBX|4|ST|8251-1^Comment^LN||Sample slightly hemolysed||||||F",
            "ZLB|lab specific|after an OBX",
            "OBX|5|SN|5196-1^HBsAg titre^LN||^1^:^128|||||F",
            "NTE|1||note on the titre"};
    }

    @Test
    void every_obx_becomes_one_observation_with_its_order_context() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")));

        List<ObservationRecorded> observations = observations(parsed);
        assertThat(observations).hasSize(5);
        ObservationRecorded glucose = observations.get(0);
        assertThat(glucose.code().codings()).containsExactly(new Coding("LN", "2345-7", "Glucose"));
        assertThat(glucose.valueType()).isEqualTo("NM");
        assertThat(glucose.quantity().value()).isEqualByComparingTo(new BigDecimal("400"));
        assertThat(glucose.quantity().comparator()).isEqualTo(">");
        assertThat(glucose.quantity().valueAsSent()).isEqualTo(">400");
        assertThat(glucose.quantity().unitAsSent()).isEqualTo("mg/dL");
        assertThat(glucose.quantity().unitSystem()).isEqualTo("UCUM");
        assertThat(glucose.referenceRange()).isEqualTo("70-99");
        assertThat(glucose.abnormalFlag()).isEqualTo("HH");
        assertThat(glucose.status()).isEqualTo("F");
        assertThat(glucose.effective().instant()).isEqualTo(Instant.parse("2026-11-22T08:15:00Z"));
        assertThat(glucose.issued().instant()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(glucose.performer()).isEqualTo("ACME Lab Central");
        assertThat(glucose.orderId()).isEqualTo("FIL-1");
        assertThat(glucose.orderCode().codings().get(0).code()).isEqualTo("24323-8");
        assertThat(glucose.category().codings().get(0).code()).isEqualTo("CH");
        assertThat(glucose.encounterId()).isEqualTo("ENC-7");
        assertThat(glucose.note()).isEqualTo("Repeated to confirm\nCritical value called to ward");
    }

    @Test
    void local_codes_keep_their_coding_system_as_sent_and_take_the_order_time_without_obx_14()
            throws RejectedInput {
        ObservationRecorded local = observations(parser.parse(message(oru("2.5.1")))).get(1);

        assertThat(local.code().codings()).containsExactly(new Coding("L", "GLU-L", "Glucose local"));
        assertThat(local.quantity().comparator()).isEqualTo("<");
        assertThat(local.quantity().value()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(local.quantity().unitAsSent()).isEqualTo("mmol/L");
        assertThat(local.quantity().unitSystem()).isNull();
        assertThat(local.effective().instant()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(local.note()).isNull();
    }

    @Test
    void coded_text_and_structured_numeric_values_are_read_by_their_value_type() throws RejectedInput {
        List<ObservationRecorded> observations = observations(parser.parse(message(oru("2.5.1"))));

        assertThat(observations.get(2).valueConcept().codings())
                .containsExactly(new Coding("SCT", "3092008", "Staphylococcus aureus"));
        assertThat(observations.get(3).valueText()).isEqualTo("Sample slightly hemolysed");
        assertThat(observations.get(4).valueText()).isEqualTo("^1^:^128");
        assertThat(observations.get(4).note()).isEqualTo("note on the titre");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.6", "2.7", "2.8", "2.8.2"})
    void every_version_from_2_3_to_2_8_reads_the_same(String version) throws RejectedInput {
        assertThat(parser.parse(message(oru(version))).factCount()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\r\n"})
    void any_segment_separator_and_a_byte_order_mark_give_the_whole_message(String separator)
            throws RejectedInput {
        byte[] payload = ("\uFEFF" + String.join(separator, oru("2.5.1")) + separator)
                .getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(inbound(payload)).factCount()).isEqualTo(5);
    }

    @Test
    void formatted_text_reads_with_its_line_breaks_and_without_its_formatting_commands() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|FT|11502-2^Laboratory report^LN||\\H\\IMPRESSION:\\N\\\\.br\\No growth \\F\\ 48 h"
                        + "\\.sp 2\\\\.in 4\\Signed\\.sk 3\\Dr Wu||||||F|||202611220815",
                "NTE|1||Line one\\.br\\line two",
                "OBX|2|TX|8251-1^Comment^LN||A\\.br\\B\\.sp 1000000000\\C~second repetition||||||F"));

        List<ObservationRecorded> observations = observations(parsed);
        assertThat(observations.get(0).valueText()).isEqualTo("IMPRESSION:\nNo growth | 48 h\n\nSigned   Dr Wu");
        assertThat(observations.get(0).note()).isEqualTo("Line one\nline two");
        assertThat(observations.get(1).valueText()).as("the sender's count, bounded")
                .isEqualTo("A\nB" + "\n".repeat(20) + "C\nsecond repetition");
    }

    @Test
    void an_escaped_escape_character_is_text_not_a_formatting_command() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|TX|8251-1^Comment^LN||C:\\E\\N\\E\\notes \\E\\.br\\E\\ end||||||F",
                "NTE|1||caf\\XC3A9\\ and na\\XEF\\ve\\Zlocal\\"));

        ObservationRecorded comment = observations(parsed).get(0);
        assertThat(comment.valueText()).isEqualTo("C:\\N\\notes \\.br\\ end");
        assertThat(comment.note()).as("hexadecimal data as UTF-8, else ISO 8859-1; a local escape as sent")
                .isEqualTo("café and naïve\\Zlocal\\");
    }

    @Test
    void formatting_commands_are_read_with_the_message_s_own_escape_character() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(
                "MSH|^~*&|LAB|ACME LAB|HIEHUB|HIE|202611221200||ORU^R01|LAB-2|P|2.5.1", oru("2.5.1")[1],
                "OBX|1|FT|11502-2^Report^LN||one*.br*two \\ three *F* four||||||F"));

        assertThat(observations(parsed).get(0).valueText()).isEqualTo("one\ntwo \\ three | four");
    }

    @Test
    void a_hostile_numeric_value_is_read_in_linear_time_and_kept_as_text() {
        String spaces = " ".repeat(400_000) + "x";
        String digits = "9".repeat(1_000_000);

        List<ObservationRecorded> observations = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> observations(parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                        "OBX|1|NM|2345-7^Glucose^LN||" + spaces + "|mg/dL|||||F",
                        "OBX|2|NM|2345-7^Glucose^LN||>= " + spaces + "|mg/dL|||||F",
                        "OBX|3|NM|2345-7^Glucose^LN||" + digits + "|mg/dL|||||F",
                        "OBX|4|NM|2345-7^Glucose^LN||" + "1".repeat(40) + "." + "5".repeat(40) + "|mg/dL|||||F"))));

        assertThat(observations).hasSize(4);
        assertThat(observations.subList(0, 3)).allSatisfy(o -> assertThat(o.quantity()).isNull());
        assertThat(observations.get(2).valueText()).hasSize(1_000_000);
        assertThat(observations.get(3).quantity().value()).as("the longest number read as one")
                .isEqualByComparingTo("1".repeat(40) + "." + "5".repeat(40));
    }

    @Test
    void a_date_result_is_kept_as_sent_and_an_impossible_one_refused_at_obx_5() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|DT|11778-8^Delivery date^LN||20230228||||||F",
                "OBX|2|NM|2345-7^Glucose^LN||\"\"|mg/dL|||||D"));

        assertThat(observations(parsed).get(0).valueText()).isEqualTo("20230228");
        assertThat(observations(parsed).get(1).valueText()).as("HL7's explicit null is no value").isNull();
        assertThat(observations(parsed).get(1).quantity()).isNull();
        assertThatThrownBy(() -> parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|DT|11778-8^Delivery date^LN||20230231||||||F")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.location()).isEqualTo("OBX-5"));
    }

    @Test
    void a_time_without_an_offset_is_the_sender_s_local_time() throws RejectedInput {
        String obx = "OBX|1|NM|2345-7^Glucose^LN||90|mg/dL|||||F|||202611220815";
        String withOwnOffset = "OBX|2|NM|2345-7^Glucose^LN||91|mg/dL|||||F|||202611220815+0100";
        Hl7v2Parser chicago = new Hl7v2Parser(new Hl7TimeZones(ZoneOffset.UTC,
                Map.of("^ACME LAB", ZoneId.of("America/Chicago"))));

        List<ObservationRecorded> statedInMsh7 = observations(parser.parse(message(
                oru("2.5.1")[0].replace("|202611221200|", "|202611221200+0200|"), oru("2.5.1")[1], obx,
                withOwnOffset)));
        List<ObservationRecorded> configured = observations(chicago.parse(message(oru("2.5.1")[0],
                oru("2.5.1")[1], obx)));
        List<ObservationRecorded> unknown = observations(parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                obx)));

        assertThat(statedInMsh7.get(0).effective().instant()).isEqualTo(Instant.parse("2026-11-22T06:15:00Z"));
        assertThat(statedInMsh7.get(0).effective().asSent()).isEqualTo("202611220815");
        assertThat(statedInMsh7.get(1).effective().instant()).isEqualTo(Instant.parse("2026-11-22T07:15:00Z"));
        assertThat(configured.get(0).effective().instant()).isEqualTo(Instant.parse("2026-11-22T14:15:00Z"));
        assertThat(unknown.get(0).effective().instant()).isEqualTo(Instant.parse("2026-11-22T08:15:00Z"));
    }

    @Test
    void a_numeric_field_holding_text_is_kept_as_text() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|NM|2345-7^Glucose^LN||see note|mg/dL|||||F|||202611220815"));

        ObservationRecorded observation = observations(parsed).get(0);
        assertThat(observation.quantity()).isNull();
        assertThat(observation.valueText()).isEqualTo("see note");
    }

    @Test
    void a_number_with_an_exponent_is_a_number_with_its_unit() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|NM|2951-2^Sodium^LN||1.4E2|mmol/L|135-145||||F|||202611220815"));

        ObservationRecorded observation = observations(parsed).get(0);
        assertThat(observation.quantity().value()).isEqualByComparingTo("140");
        assertThat(observation.quantity().valueAsSent()).isEqualTo("1.4E2");
        assertThat(observation.quantity().unitAsSent()).isEqualTo("mmol/L");
    }

    @Test
    void an_impossible_observation_time_is_refused_at_obx_14() {
        assertThatThrownBy(() -> parser.parse(message(oru("2.5.1")[0], oru("2.5.1")[1],
                "OBX|1|NM|2345-7^Glucose^LN||90|mg/dL|||||F|||20261131")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.location()).isEqualTo("OBX-14"));
    }

    @Test
    void a_result_without_a_patient_is_refused() {
        assertThatThrownBy(() -> parser.parse(message(oru("2.5.1")[0], "OBR|1|PLC-1|FIL-1|X^Y^L")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.location()).isEqualTo("PID"));
    }

    @Test
    void results_for_two_patients_become_two_patient_parts() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(oru("2.5.1")[0], "PID|1||P1^^^ACME^MR||Doe^Jane",
                "OBR|1||F1|X^Y^L|||202611220800", "OBX|1|NM|A^A^L||1", "PID|2||P2^^^ACME^MR||Roe^Rick",
                "OBR|1||F2|X^Y^L|||202611220800", "OBX|1|NM|A^A^L||2", "OBX|2|NM|B^B^L||3"));

        assertThat(parsed.patients()).extracting(p -> p.localId() + ":" + p.facts().size())
                .containsExactly("P1:1", "P2:2");
    }

    static List<ObservationRecorded> observations(ParsedMessage parsed) {
        return Hl7v2ParserAdtTest.bind(parsed).stream().map(ObservationRecorded.class::cast).toList();
    }
}
