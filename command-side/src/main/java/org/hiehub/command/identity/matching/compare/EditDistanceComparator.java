package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Three levels: different, within {@code maxEdits} Levenshtein edits, exact. Suits keyed-in numbers and codes
 * (SSN, postcode, phone, e-mail) where a typo changes one or two characters but the value is not a word
 * whose sound or prefix carries meaning.
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
        return List.of("different", "within " + maxEdits + " edits", "exact");
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
        return edits >= 0 && edits <= maxEdits ? 1 : 0;
    }
}
