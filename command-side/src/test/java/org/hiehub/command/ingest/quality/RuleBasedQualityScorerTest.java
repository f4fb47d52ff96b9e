package org.hiehub.command.ingest.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.hiehub.command.ingest.hl7v2.Hl7v2Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The scorer on messages as the HL7 v2 parser hands them over: bands, dimensions, findings. */
class RuleBasedQualityScorerTest {

    static final Instant RECEIVED = Instant.parse("2026-11-22T12:00:00Z");
    static final Hl7v2Parser PARSER = new Hl7v2Parser();
    final RuleBasedQualityScorer scorer = new RuleBasedQualityScorer(QualityProperties.DEFAULTS);

    @AfterAll
    static void closeParser() {
        PARSER.destroy();
    }

    @Test
    void a_complete_recent_message_of_plausible_values_is_accepted_without_findings() throws RejectedInput {
        QualityAssessment quality = assess(vitals("98.6"));

        assertThat(quality.findings()).isEmpty();
        assertThat(quality.score()).isEqualTo(100);
        assertThat(quality.band()).isEqualTo("ACCEPT");
    }

    @Test
    void one_impossible_temperature_among_many_plausible_results_still_reaches_the_warning_band()
            throws RejectedInput {
        QualityAssessment quality = assess(vitals("400"));

        assertThat(quality.findings())
                .containsExactly("observation 8310-5 outside the physiologically possible range for its unit");
        assertThat(quality.dimensions().get("accuracy")).isGreaterThan(50); // the average alone would accept it
        assertThat(quality.score()).isEqualTo(85);
        assertThat(quality.band()).isEqualTo("WARN");
    }

    @Test
    void an_impossible_temperature_is_found_whatever_spelling_of_its_unit_the_sender_uses() throws RejectedInput {
        for (String[] sent : new String[][] {{"400", "°F"}, {"400", "deg F"}, {"400", "°C"}, {"60", "Cel"},
                {"1000", "K^kelvin^UCUM"}, {"400", "F^degrees Fahrenheit^L"}}) {
            QualityAssessment quality = assess(vitals(sent[0]).replace("|[degF]|", "|" + sent[1] + "|"));

            assertThat(quality.findings()).as(sent[0] + " " + sent[1])
                    .containsExactly("observation 8310-5 outside the physiologically possible range for its unit");
        }
        assertThat(assess(vitals("37").replace("|[degF]|", "|°C|")).findings()).isEmpty();
        assertThat(assess(vitals("310").replace("|[degF]|", "|K|")).findings()).isEmpty();
    }

    @Test
    void a_lab_value_no_patient_has_had_is_impossible_but_a_critical_one_or_one_past_the_analyser_is_not()
            throws RejectedInput {
        QualityAssessment decimalSlip = assess(lab("2823-3^Potassium^LN", "45", "mmol/L"));
        QualityAssessment critical = assess(lab("2823-3^Potassium^LN", "7.9", "mmol/L"));
        QualityAssessment pastTheAnalyser = assess(lab("2345-7^Glucose^LN", ">600", "mg/dL"));
        QualityAssessment unitSlip = assess(lab("2345-7^Glucose^LN", "9000", "mg/dL"));

        assertThat(decimalSlip.findings())
                .containsExactly("observation 2823-3 outside the physiologically possible range for its unit");
        assertThat(decimalSlip.band()).isEqualTo("WARN");
        assertThat(unitSlip.band()).isEqualTo("WARN");
        assertThat(critical.findings()).isEmpty();
        assertThat(pastTheAnalyser.findings()).isEmpty();
    }

    @Test
    void the_ceiling_is_configuration() throws RejectedInput {
        RuleBasedQualityScorer strict = new RuleBasedQualityScorer(new QualityProperties(90, 75, 60, 365, 70));

        QualityAssessment quality = strict.assess(parse(vitals("400")), RECEIVED);

        assertThat(quality.score()).isEqualTo(70);
        assertThat(quality.band()).isEqualTo("REVIEW");
    }

    @Test
    void weights_and_plausible_ranges_are_configuration() throws RejectedInput {
        RuleBasedQualityScorer local = new RuleBasedQualityScorer(new QualityProperties(90, 75, 60, 365, 85,
                Map.of("accuracy", 50, "completeness", 10), Map.of("8310-5", "[degF] 90..100, K 300..315")));

        assertThat(local.assess(parse(vitals("101")), RECEIVED).findings()).as("a range replaced")
                .containsExactly("observation 8310-5 outside the physiologically possible range for its unit");
        assertThat(local.assess(parse(vitals("37").replace("|[degF]|", "|Cel|")), RECEIVED).findings())
                .as("the other units of the code keep theirs").isEmpty();
        QualityAssessment incomplete = local.assess(parse(adt("PID|1||P-1^^^HOSP^MR||Doe")), RECEIVED);
        Map<String, Integer> weights = Map.of("completeness", 10, "accuracy", 50, "consistency", 15,
                "timeliness", 15, "uniqueness", 10);
        assertThat(incomplete.score()).as("the configured weights, not the defaults, combine the dimensions")
                .isEqualTo((int) Math.round(incomplete.dimensions().entrySet().stream()
                        .mapToDouble(d -> d.getValue() * weights.get(d.getKey())).sum() / 100.0))
                .isGreaterThan(assess(adt("PID|1||P-1^^^HOSP^MR||Doe")).score());
        assertThatThrownBy(() -> new QualityProperties(90, 75, 60, 365, 85, Map.of("accuracy", 40), null))
                .hasMessageContaining("must make 100, not 110");
        assertThatThrownBy(() -> new QualityProperties(90, 75, 60, 365, 85, Map.of("beauty", 0), null))
                .hasMessageContaining("hub.quality.weights.beauty");
        assertThatThrownBy(() -> new RuleBasedQualityScorer(new QualityProperties(90, 75, 60, 365, 85, null,
                Map.of("8310-5", "[degF] 100..90")))).hasMessageContaining("'[degF] 100..90'");
    }

    @Test
    void weights_and_ranges_bind_as_an_operator_writes_them() {
        QualityProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(
                "hub.quality.weights.accuracy", "40", "hub.quality.weights.uniqueness", "0",
                "hub.quality.plausible-ranges.8310-5", "Cel 25..45, [degF] 77..113")))
                .bindOrCreate("hub.quality", QualityProperties.class);

        assertThat(bound.weights()).containsEntry("accuracy", 40).containsEntry("uniqueness", 0)
                .containsEntry("completeness", 30);
        assertThat(bound.plausibleRanges()).containsEntry("8310-5", "Cel 25..45, [degF] 77..113");
        assertThat(bound.accept()).isEqualTo(90);
    }

    @Test
    void a_birth_in_the_future_is_never_accepted_without_warning() throws RejectedInput {
        QualityAssessment quality = assess(adt("PID|1||P-1^^^HOSP^MR||Doe^Jane||20301231|F|||1 Main St^^Town"));

        assertThat(quality.findings()).contains("birth date is in the future");
        assertThat(quality.score()).isLessThanOrEqualTo(85);
        assertThat(quality.band()).isNotEqualTo("ACCEPT");
    }

    @Test
    void an_encounter_planned_ahead_is_a_finding_but_not_an_impossibility() throws RejectedInput {
        QualityAssessment quality = assess(adt("PID|1||P-1^^^HOSP^MR||Doe^Jane||19700101|F|||1 Main St^^Town",
                pv1("V-1", "202612240800")));

        assertThat(quality.findings()).containsExactly("fact time is in the future");
        assertThat(quality.score()).isGreaterThan(85);
    }

    @Test
    void missing_demographics_cost_completeness_and_name_what_is_missing() throws RejectedInput {
        QualityAssessment quality = assess(adt("PID|1||P-1^^^HOSP^MR||Doe"));

        assertThat(quality.findings()).contains("given name missing", "birth date missing",
                "administrative sex missing", "address missing");
        assertThat(quality.dimensions().get("completeness")).isLessThan(60);
        assertThat(quality.findings()).noneMatch(f -> f.contains("Doe"));
    }

    private QualityAssessment assess(String message) throws RejectedInput {
        return scorer.assess(parse(message), RECEIVED);
    }

    private static ParsedMessage parse(String message) throws RejectedInput {
        return PARSER.parse(new InboundMessage(MessageFormat.HL7V2, "test", "test",
                message.getBytes(StandardCharsets.UTF_8), RECEIVED));
    }

    /** A vital-signs panel of eight results taken an hour before arrival, the temperature as given. */
    static String vitals(String fahrenheit) {
        List<String> segments = new ArrayList<>(List.of(
                "MSH|^~\\&|MON|WARD|HIEHUB|HIE|202611221130||ORU^R01^ORU_R01|V-1|P|2.5.1",
                "PID|1||P-1^^^HOSP^MR||Doe^Jane||19700101|F|||1 Main St^^Town",
                "OBR|1|PLC-1|FIL-1|85353-1^Vital signs panel^LN|||202611221100"));
        String[][] results = {
            {"8310-5", "Body temperature", fahrenheit, "[degF]"}, {"8867-4", "Heart rate", "72", "/min"},
            {"9279-1", "Respiratory rate", "16", "/min"}, {"8480-6", "Systolic", "120", "mm[Hg]"},
            {"8462-4", "Diastolic", "80", "mm[Hg]"}, {"2708-6", "SpO2", "98", "%"},
            {"29463-7", "Body weight", "70", "kg"}, {"8302-2", "Body height", "170", "cm"}};
        for (int i = 0; i < results.length; i++) {
            String[] r = results[i];
            segments.add("OBX|" + (i + 1) + "|NM|" + r[0] + "^" + r[1] + "^LN||" + r[2] + "|" + r[3]
                    + "|||||F|||202611221100");
        }
        return String.join("\r", segments);
    }

    /** A PV1 with its visit number (PV1-19) and admission time (PV1-44). */
    static String pv1(String visit, String admitted) {
        String[] fields = new String[45];
        Arrays.fill(fields, "");
        fields[0] = "PV1";
        fields[1] = "1";
        fields[2] = "I";
        fields[19] = visit;
        fields[44] = admitted;
        return String.join("|", fields);
    }

    /** A lab result taken an hour before arrival. */
    static String lab(String code, String value, String unit) {
        return "MSH|^~\\&|LIS|LAB|HIEHUB|HIE|202611221130||ORU^R01^ORU_R01|L-1|P|2.5.1\r"
                + "PID|1||P-1^^^HOSP^MR||Doe^Jane||19700101|F|||1 Main St^^Town\r"
                + "OBR|1|PLC-1|FIL-1|24323-8^Metabolic panel^LN|||202611221100\r"
                + "OBX|1|NM|" + code + "||" + value + "|" + unit + "|||||F|||202611221100";
    }

    static String adt(String... segments) {
        return "MSH|^~\\&|ADT|HOSP|HIEHUB|HIE|202611221130||ADT^A01^ADT_A01|A-1|P|2.5.1\rEVN|A01|202611221130\r"
                + String.join("\r", segments);
    }
}
