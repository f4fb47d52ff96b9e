package org.hiehub.command.identity.matching.compare;

import java.util.List;

/**
 * Compares one field of two records and says how well it agrees, as a level: 0 is disagreement, higher levels
 * agree more closely, the last is exact agreement. {@link #MISSING} means a side has no value: it is not
 * disagreement and contributes no weight (Fellegi &amp; Sunter 1969 treat it as its own, uninformative outcome).
 *
 * @param <T> what is compared: a match profile in the hub, a raw CSV row in the EM oracle test
 */
public interface FieldComparator<T> {

    int MISSING = -1;

    String field();

    /** One label per level, index = level, read by auditors next to the weight it earned. */
    List<String> levels();

    int compare(T left, T right);
}
