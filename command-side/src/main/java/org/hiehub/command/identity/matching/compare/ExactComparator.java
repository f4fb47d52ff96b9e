package org.hiehub.command.identity.matching.compare;

import java.util.List;
import java.util.function.Function;

/** Two levels: the values differ, or they are equal. For coded fields (sex, state) where similarity means nothing. */
public final class ExactComparator<T> implements FieldComparator<T> {

    private final String field;
    private final Function<T, String> value;

    public ExactComparator(String field, Function<T, String> value) {
        this.field = field;
        this.value = value;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public List<String> levels() {
        return List.of("different", "exact");
    }

    @Override
    public int compare(T left, T right) {
        String a = value.apply(left);
        String b = value.apply(right);
        if (a == null || b == null) {
            return MISSING;
        }
        return a.equals(b) ? 1 : 0;
    }
}
