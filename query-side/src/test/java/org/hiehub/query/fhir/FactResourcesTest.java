package org.hiehub.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bson.Document;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class FactResourcesTest {

    private static final Reference PATIENT = new Reference("Patient/p1");

    @Test
    void a_value_past_the_measurable_range_is_a_quantity_with_its_comparator() {
        Observation glucose = FactResources.observation(entry("F").append("value", "33.3").append("unit", "mmol/L")
                .append("comparator", ">"), PATIENT);

        Quantity quantity = glucose.getValueQuantity();
        assertThat(quantity.getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_THAN);
        assertThat(quantity.getValue()).isEqualByComparingTo("33.3");
        assertThat(quantity.getCode()).isEqualTo("mmol/L");
        Observation exact = FactResources.observation(entry("F").append("value", "5").append("comparator", "="),
                PATIENT);
        assertThat(exact.getValueQuantity().hasComparator()).isFalse();
    }

    @Test
    void hl7_result_status_reads_as_the_fhir_status_it_means() {
        Map<String, Observation.ObservationStatus> expected = Map.of("F", Observation.ObservationStatus.FINAL,
                "C", Observation.ObservationStatus.CORRECTED, "P", Observation.ObservationStatus.PRELIMINARY,
                "W", Observation.ObservationStatus.ENTEREDINERROR, "X", Observation.ObservationStatus.CANCELLED,
                "amended", Observation.ObservationStatus.AMENDED, "Q", Observation.ObservationStatus.UNKNOWN);

        expected.forEach((sent, status) -> assertThat(FactResources.observation(entry(sent), PATIENT).getStatus())
                .as(sent).isEqualTo(status));
    }

    @Test
    void a_coded_result_is_a_codeable_concept_with_its_code_and_words() {
        Observation culture = FactResources.observation(entry("F").append("value", "Escherichia coli")
                .append("valueCode", new Document("system", "http://snomed.info/sct").append("code", "112283007")
                        .append("display", "Escherichia coli")), PATIENT);

        CodeableConcept value = culture.getValueCodeableConcept();
        assertThat(value.getCodingFirstRep().getCode()).isEqualTo("112283007");
        assertThat(value.getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(value.getText()).isEqualTo("Escherichia coli");
        assertThat(FactResources.observation(entry("F").append("value", "see note"), PATIENT).getValue()
                .primitiveValue()).isEqualTo("see note");
    }

    @Test
    void a_panel_is_its_components_each_with_its_code_and_quantity() {
        Observation bp = FactResources.observation(entry("final").append("value", "8480-6: 128 mm[Hg]; …")
                .append("components", java.util.List.of(
                        new Document("code", new Document("system", "http://loinc.org").append("code", "8480-6"))
                                .append("value", "128").append("unit", "mm[Hg]"),
                        new Document("code", new Document("system", "http://loinc.org").append("code", "8462-4"))
                                .append("value", "82").append("unit", "mm[Hg]"))), PATIENT);

        assertThat(bp.hasValue()).isFalse();
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "="
                + c.getValueQuantity().getValue().toPlainString() + " " + c.getValueQuantity().getCode())
                .containsExactly("8480-6=128 mm[Hg]", "8462-4=82 mm[Hg]");
    }

    @Test
    void an_immunization_gives_back_what_its_record_said_of_the_dose() {
        Document entry = new Document("_id", "i1").append("type", "immunization").append("time", "2026-10-15")
                .append("code", new Document("system", "http://hl7.org/fhir/sid/cvx").append("code", "141"))
                .append("status", "completed").append("lotNumber", "LOT-77")
                .append("dose", new Document("value", "0.5").append("unit", "mL").append("unitSystem", "UCUM")
                        .append("unitCode", "mL"))
                .append("manufacturer", new Document("system", "MVX").append("code", "SKB")
                        .append("display", "GlaxoSmithKline"))
                .append("primarySource", true).append("expiration", "2027-12");
        org.hl7.fhir.r4.model.Immunization given = FactResources.immunization(entry, PATIENT);

        assertThat(given.getLotNumber()).isEqualTo("LOT-77");
        assertThat(given.getDoseQuantity().getValue()).isEqualByComparingTo("0.5");
        assertThat(given.getDoseQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(given.getManufacturer().getIdentifier().getValue()).isEqualTo("SKB");
        assertThat(given.getManufacturer().getDisplay()).isEqualTo("GlaxoSmithKline");
        assertThat(given.getPrimarySource()).isTrue();
        assertThat(given.getExpirationDateElement().getValueAsString()).isEqualTo("2027-12");
        org.hl7.fhir.r4.model.Immunization historical = FactResources.immunization(entry
                .append("dose", new Document("valueAsSent", "999")).append("primarySource", false)
                .append("manufacturer", new Document("display", "Acme Vaccines")), PATIENT);
        assertThat(historical.hasDoseQuantity()).as("an amount not known").isFalse();
        assertThat(historical.getPrimarySource()).isFalse();
        assertThat(historical.getManufacturer().hasIdentifier()).isFalse();
        assertThat(historical.getManufacturer().getDisplay()).isEqualTo("Acme Vaccines");
    }

    @Test
    void an_encounter_sent_finished_has_its_whole_period() {
        org.hl7.fhir.r4.model.Encounter stay = FactResources.encounter(new Document("type", "encounter")
                .append("time", "2026-11-01T08:00:00Z").append("end", "2026-11-05T12:00:00Z")
                .append("status", "finished").append("value", "IMP"), PATIENT);

        assertThat(stay.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(stay.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-11-05T12:00:00Z");
    }

    @Test
    void a_boolean_or_integer_result_comes_back_typed() {
        Observation smoker = FactResources.observation(entry("final").append("value", "true")
                .append("valueType", "boolean"), PATIENT);
        Observation rate = FactResources.observation(entry("final").append("value", "16")
                .append("valueType", "integer"), PATIENT);
        Observation odd = FactResources.observation(entry("final").append("value", "sixteen")
                .append("valueType", "integer"), PATIENT);

        assertThat(smoker.getValueBooleanType().booleanValue()).isTrue();
        assertThat(rate.getValueIntegerType().getValue()).isEqualTo(16);
        assertThat(odd.getValueStringType().getValue()).isEqualTo("sixteen");
    }

    @Test
    void an_hl7_titre_or_range_and_a_fhir_range_or_ratio_come_back_typed() {
        Observation titre = observation("^1^:^128", "SN");
        Observation span = observation("^10^-^20", "SN");
        Observation range = observation("5 mg/dL - 10.5 mg/dL", "Range");
        Observation above = observation(" - 10 mg/dL", "Range");
        Observation ratio = observation("1 / 128", "Ratio");
        Observation negative = observation("-5 Cel - 3 Cel", "Range");

        assertThat(titre.getValueRatio().getNumerator().getValue()).isEqualByComparingTo("1");
        assertThat(titre.getValueRatio().getDenominator().getValue()).isEqualByComparingTo("128");
        assertThat(span.getValueRange().getLow().getValue()).isEqualByComparingTo("10");
        assertThat(span.getValueRange().getHigh().getValue()).isEqualByComparingTo("20");
        assertThat(range.getValueRange().getLow().getUnit()).isEqualTo("mg/dL");
        assertThat(range.getValueRange().getHigh().getValue()).isEqualByComparingTo("10.5");
        assertThat(above.getValueRange().hasLow()).isFalse();
        assertThat(above.getValueRange().getHigh().getValue()).isEqualByComparingTo("10");
        assertThat(ratio.getValueRatio().getDenominator().getValue()).isEqualByComparingTo("128");
        assertThat(negative.getValueRange().getLow().getValue()).isEqualByComparingTo("-5");
    }

    @Test
    void a_structured_text_of_another_shape_stays_text() {
        for (String[] odd : new String[][] {{">^1^:^128", "SN"}, {"^2^+", "SN"}, {"<5 mg/dL - 10 mg/dL", "Range"},
                {"1 - 2 - 3", "Range"}, {"one / two", "Ratio"}}) {
            assertThat(observation(odd[0], odd[1]).getValueStringType().getValue()).as(odd[0]).isEqualTo(odd[0]);
        }
    }

    private static Observation observation(String value, String valueType) {
        return FactResources.observation(entry("final").append("value", value).append("valueType", valueType),
                PATIENT);
    }

    private static Document entry(String status) {
        return new Document("_id", "f1").append("type", "observation").append("time", "2026-11-22T10:00:00Z")
                .append("code", new Document("system", "http://loinc.org").append("code", "2345-7")
                        .append("display", "Glucose"))
                .append("status", status);
    }
}
