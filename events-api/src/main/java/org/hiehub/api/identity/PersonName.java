package org.hiehub.api.identity;

import java.util.List;

/** A person's name in parts, as HL7 XPN / FHIR HumanName carry it. {@code use}: official, usual, maiden, nickname… */
public record PersonName(String use, String family, List<String> given, String prefix, String suffix) {

    public PersonName {
        given = given == null ? List.of() : List.copyOf(given);
    }

    public static PersonName of(String family, String... given) {
        return new PersonName("official", family, List.of(given), null, null);
    }
}
