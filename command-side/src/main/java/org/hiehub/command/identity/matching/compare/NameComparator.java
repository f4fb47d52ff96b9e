package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Compares a given or family name on five levels. Jaro-Winkler (Winkler 1990) catches keying errors,
 * a shared Double Metaphone code catches spelling variants that sound alike (SMITH / SMYTHE), and for given
 * names the nickname table catches BILL / WILLIAM, which neither of the others can.
 */
public final class NameComparator implements FieldComparator<MatchProfile> {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final double SIMILAR = 0.80;
    private static final double CLOSE = 0.88;
    private static final double VERY_CLOSE = 0.94;

    private final String field;
    private final Function<MatchProfile, String> value;
    private final Function<MatchProfile, String> phonetic;
    private final Function<MatchProfile, String> canonical;
    private final Function<MatchProfile, String> otherName;

    private NameComparator(String field, Function<MatchProfile, String> value,
                           Function<MatchProfile, String> phonetic, Function<MatchProfile, String> canonical,
                           Function<MatchProfile, String> otherName) {
        this.field = field;
        this.value = value;
        this.phonetic = phonetic;
        this.canonical = canonical;
        this.otherName = otherName;
    }

    public static NameComparator given() {
        return new NameComparator("given", MatchProfile::given, MatchProfile::givenPhonetic,
                MatchProfile::givenCanonical, MatchProfile::family);
    }

    public static NameComparator family() {
        return new NameComparator("family", MatchProfile::family, MatchProfile::familyPhonetic, p -> null,
                MatchProfile::given);
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public List<String> levels() {
        return List.of("different", "Jaro-Winkler >= " + SIMILAR, "sounds alike, Jaro-Winkler >= " + CLOSE
                + " or given and family name swapped",
                "nickname or Jaro-Winkler >= " + VERY_CLOSE, "exact");
    }

    @Override
    public int compare(MatchProfile left, MatchProfile right) {
        String a = value.apply(left);
        String b = value.apply(right);
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 4;
        }
        double similarity = JARO_WINKLER.apply(a, b);
        if (similarity >= VERY_CLOSE || equalNonNull(canonical.apply(left), canonical.apply(right))) {
            return 3;
        }
        if (similarity >= CLOSE || equalNonNull(phonetic.apply(left), phonetic.apply(right))
                || swapped(left, right)) {
            return 2;
        }
        return similarity >= SIMILAR ? 1 : 0;
    }

    /** Given and family name entered in each other's field, a common registration error. */
    private boolean swapped(MatchProfile left, MatchProfile right) {
        String leftOther = otherName.apply(left);
        String rightOther = otherName.apply(right);
        return leftOther != null && rightOther != null
                && JARO_WINKLER.apply(value.apply(left), rightOther) >= VERY_CLOSE
                && JARO_WINKLER.apply(leftOther, value.apply(right)) >= VERY_CLOSE;
    }

    private static boolean equalNonNull(String a, String b) {
        return a != null && a.equals(b);
    }
}
