package org.hiehub.command.identity.matching.compare;

import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Compares whole addresses on one scale instead of house number, street, locality and postcode separately.
 * Those parts are not independent — people at one address share all of them — so scoring them as separate
 * Fellegi–Sunter comparisons would count one fact four times, and two siblings at home would look like one
 * person. Levels: different; same area (postcode or locality); same street in that area; same street and house
 * number; everything equal.
 */
public final class AddressComparator implements FieldComparator<MatchProfile> {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final double SAME_STREET = 0.88;
    private static final double SAME_PLACE = 0.90;

    @Override
    public String field() {
        return "address";
    }

    @Override
    public List<String> levels() {
        return List.of("different", "same postcode or locality", "same street",
                "same street and house number", "exact");
    }

    @Override
    public int compare(MatchProfile left, MatchProfile right) {
        if (isEmpty(left) || isEmpty(right)) {
            return MISSING;
        }
        boolean samePostcode = equal(left.postcode(), right.postcode());
        boolean sameLocality = similar(left.locality(), right.locality(), SAME_PLACE);
        boolean sameStreet = similar(left.street(), right.street(), SAME_STREET);
        boolean sameNumber = equal(left.streetNumber(), right.streetNumber());
        if (samePostcode && equal(left.locality(), right.locality()) && equal(left.street(), right.street())
                && sameNumber) {
            return 4;
        }
        if (sameStreet && sameNumber && (samePostcode || sameLocality)) {
            return 3;
        }
        if (sameStreet && (samePostcode || sameLocality || sameNumber)) {
            return 2;
        }
        return samePostcode || sameLocality ? 1 : 0;
    }

    private static boolean isEmpty(MatchProfile p) {
        return p.street() == null && p.locality() == null && p.postcode() == null;
    }

    private static boolean equal(String a, String b) {
        return a != null && a.equals(b);
    }

    private static boolean similar(String a, String b, double threshold) {
        return a != null && b != null && (a.equals(b) || JARO_WINKLER.apply(a, b) >= threshold);
    }
}
