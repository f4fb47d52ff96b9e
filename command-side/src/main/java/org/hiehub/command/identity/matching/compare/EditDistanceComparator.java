package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Three levels: different, a typo (within {@code maxEdits} Levenshtein edits, or two adjacent characters swapped),
 * exact. Suits keyed-in numbers and codes (SSN, phone, e-mail) where a typo changes one or two characters but the
 * value is not a word whose sound or prefix carries meaning. The swap counts as one typo (Damerau 1964): it is
 * the most frequent keying error in numbers, and Levenshtein alone would count it as two edits.
 */
public final class EditDistanceComparator<T> implements FieldComparator<T> {

    private final String field;
    private final Function<T, String> value;
    private final int maxEdits;
    private final LevenshteinDistance distance;

    public EditDistanceComparator(String field, Function<T, String> value, int maxEdits) {
        this.field = field;
        this.value = value;
        this.maxEdits = maxEdits;
        // A threshold lets commons-text stop early (returns -1 once it is exceeded): much cheaper than the full matrix.
        this.distance = new LevenshteinDistance(maxEdits);
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public List<String> levels() {
        return List.of("different", "within " + maxEdits + " edits or adjacent swap", "exact");
    }

    @Override
    public int compare(T left, T right) {
        String a = value.apply(left);
        String b = value.apply(right);
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 2;
        }
        int edits = distance.apply(a, b);
        return (edits >= 0 && edits <= maxEdits) || isAdjacentSwap(a, b) ? 1 : 0;
    }

    static boolean isAdjacentSwap(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = 0;
        while (first < a.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        return first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
    }
}
