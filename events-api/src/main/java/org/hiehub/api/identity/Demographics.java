package org.hiehub.api.identity;

import java.time.LocalDate;
import java.util.List;

/**
 * One source's view of a person. Every part of it is personal data, so events carry it only in a
 * {@link org.hiehub.api.privacy.PersonalData} field.
 *
 * @param administrativeSex FHIR administrative gender code: male, female, other, unknown
 * @param multipleBirthOrder birth order for twins and triplets (1, 2, …), or null; keeps twins apart in matching
 */
public record Demographics(List<PersonName> names, LocalDate birthDate, String administrativeSex,
                           List<PatientIdentifier> identifiers, List<Address> addresses,
                           List<ContactPoint> telecoms, LocalDate deceasedDate, Integer multipleBirthOrder) {

    public Demographics {
        names = names == null ? List.of() : List.copyOf(names);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        telecoms = telecoms == null ? List.of() : List.copyOf(telecoms);
    }

    public static Demographics empty() {
        return new Demographics(List.of(), null, null, List.of(), List.of(), List.of(), null, null);
    }
}
