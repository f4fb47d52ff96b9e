package org.hiehub.command.identity.matching.compare;

import java.util.List;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * The comparisons the MPI makes between two persons, in a fixed order: a model's m/u parameters are stored per
 * field name and must be re-estimated when a field's levels change.
 */
public final class PersonComparators {

    private PersonComparators() {
    }

    public static List<FieldComparator<MatchProfile>> standard() {
        return List.of(
                NameComparator.given(),
                NameComparator.family(),
                new BirthDateComparator(),
                new ExactComparator<>("sex", MatchProfile::sex),
                new EditDistanceComparator<>("ssn", MatchProfile::ssn, 1),
                new IdentifierComparator(),
                new BirthOrderComparator(),
                new AddressComparator(),
                new EditDistanceComparator<>("phone", MatchProfile::phone, 1),
                new EditDistanceComparator<>("email", MatchProfile::email, 2));
    }
}
