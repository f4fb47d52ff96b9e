package org.hiehub.api.identity;

import java.util.List;

/** A postal address as sent (HL7 XAD / FHIR Address). */
public record Address(String use, List<String> lines, String city, String district, String state,
                      String postalCode, String country) {

    public Address {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
