package org.hiehub.command.identity.matching.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Levels by Jaro-Winkler similarity (Winkler 1990, designed at the US Census Bureau for names and street names
 * keyed with typos): different, then one level per threshold (ascending), then exact. Thresholds such as 0.88
 * and 0.94 follow common practice in Census and Splink comparison libraries.
 */
public final class SimilarityComparator<T> implements FieldComparator<T> {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final String field;
    private final Function<T, String> value;
    private final double[] thresholds;

    public SimilarityComparator(String field, Function<T, String> value, double... thresholds) {
        this.field = field;
        this.value = value;
        this.thresholds = thresholds.clone();
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public List<String> levels() {
        List<String> labels = new ArrayList<>();
        labels.add("different");
        for (double threshold : thresholds) {
            labels.add("Jaro-Winkler >= " + threshold);
        }
        labels.add("exact");
        return labels;
    }

    @Override
    public int compare(T left, T right) {
        String a = value.apply(left);
        String b = value.apply(right);
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return thresholds.length + 1;
        }
        double similarity = JARO_WINKLER.apply(a, b);
        for (int level = thresholds.length; level > 0; level--) {
            if (similarity >= thresholds[level - 1]) {
                return level;
            }
        }
        return 0;
    }
}
