package org.hiehub.api.clinical;

import java.util.List;

/** A coded concept as sent (FHIR CodeableConcept, HL7 CE/CWE with its alternate coding), plus free text. */
public record Concept(List<Coding> codings, String text) {

    public Concept {
        codings = codings == null ? List.of() : List.copyOf(codings);
    }

    public static Concept of(String system, String code, String display) {
        return new Concept(List.of(new Coding(system, code, display)), display);
    }
}
