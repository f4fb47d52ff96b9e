package org.hiehub.command.ingest.fhir;

import java.util.List;
import java.util.Objects;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR data types to the hub's value types, as sent: systems, codes and units are copied untouched (mapping to
 * LOINC/UCUM canonical forms happens in projections). HAPI's getters create empty elements on access, so every
 * read goes through a {@code has…} check first.
 */
final class FhirValues {

    private FhirValues() {
    }

    static Concept concept(CodeableConcept cc) {
        if (cc == null || cc.isEmpty()) {
            return null;
        }
        List<Coding> codings = cc.getCoding().stream()
                .map(c -> new Coding(c.getSystem(), c.getCode(), c.getDisplay())).toList();
        return new Concept(codings, cc.getText());
    }

    /**
     * A repeating CodeableConcept (categories, types, reasons) as one concept: every element's codings in order
     * (each once) and their texts joined by "; ". Keeping only the first lost the others (a Condition that is both
     * a problem-list item and an encounter diagnosis).
     */
    static Concept merged(List<CodeableConcept> concepts) {
        List<Concept> each = concepts == null ? List.of()
                : concepts.stream().map(FhirValues::concept).filter(Objects::nonNull).toList();
        if (each.size() <= 1) {
            return each.isEmpty() ? null : each.get(0);
        }
        List<Coding> codings = each.stream().flatMap(c -> c.codings().stream()).distinct().toList();
        List<String> texts = each.stream().map(Concept::text).filter(Objects::nonNull).distinct().toList();
        return new Concept(codings, texts.isEmpty() ? null : String.join("; ", texts));
    }

    static Concept concept(org.hl7.fhir.r4.model.Coding coding) {
        return coding == null || coding.isEmpty() ? null
                : Concept.of(coding.getSystem(), coding.getCode(), coding.getDisplay());
    }

    /** The first code of a concept, or its text: for statuses and flags that the events keep as plain strings. */
    static String code(CodeableConcept cc) {
        if (cc == null || cc.isEmpty()) {
            return null;
        }
        return cc.getCoding().stream().map(org.hl7.fhir.r4.model.Coding::getCode).filter(c -> c != null)
                .findFirst().orElse(cc.getText());
    }

    static String code(Enumeration<?> value) {
        return value == null || value.isEmpty() ? null : value.getValueAsString();
    }

    static Measurement measurement(Quantity q) {
        if (q == null || q.isEmpty()) {
            return null;
        }
        String comparator = q.hasComparator() ? q.getComparatorElement().getValueAsString() : null;
        return new Measurement(q.hasValue() ? q.getValueElement().getValueAsString() : null,
                q.hasValue() ? q.getValue() : null, comparator, q.getUnit(), q.getSystem(), q.getCode());
    }

    /** A quantity as a clinician would read it: "&gt;=5.5 mmol/L". */
    static String text(Quantity q) {
        if (q == null || q.isEmpty()) {
            return null;
        }
        String comparator = q.hasComparator() ? q.getComparatorElement().getValueAsString() : "";
        String value = q.hasValue() ? q.getValueElement().getValueAsString() : "";
        String unit = q.getUnit() != null ? q.getUnit() : q.getCode();
        return (comparator + value + (unit == null ? "" : " " + unit)).trim();
    }

    /** Value types the events have no typed slot for (boolean, integer, Range, Ratio, Period, …) as text. */
    static String text(Type value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value instanceof PrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        if (value instanceof Quantity q) {
            return text(q);
        }
        if (value instanceof Range r) {
            return (r.hasLow() ? text(r.getLow()) : "") + " - " + (r.hasHigh() ? text(r.getHigh()) : "");
        }
        if (value instanceof Ratio r) {
            return text(r.getNumerator()) + " / " + text(r.getDenominator());
        }
        if (value instanceof CodeableConcept cc) {
            return cc.hasText() ? cc.getText() : code(cc);
        }
        if (value instanceof org.hl7.fhir.r4.model.Period p) {
            return p.getStartElement().getValueAsString() + "/" + p.getEndElement().getValueAsString();
        }
        return value.fhirType();
    }
}
