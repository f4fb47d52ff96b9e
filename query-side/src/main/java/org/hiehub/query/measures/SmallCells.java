package org.hiehub.query.measures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * Small-cell suppression for aggregate measures, as CMS's cell size suppression policy asks: no count from 0 to 10
 * is shown, nor anything it can be derived from. A rate's numerator is hidden when it, or the complement
 * (denominator minus numerator), is under the threshold, since either reveals the other; the rate goes with it.
 * Across a breakdown (per source) and its total, a lone hidden cell could be worked out by subtraction, so a
 * second one is hidden too (complementary suppression).
 */
public final class SmallCells {

    public static final int THRESHOLD = 11;

    private SmallCells() {
    }

    /** A numerator over a denominator, before suppression. */
    public record Cell(String label, long numerator, long denominator) {
    }

    /** The total and its breakdown as shown: suppressed counts and rates are null and say so. */
    public static Document table(Cell total, List<Cell> rows) {
        List<Shown> shown = new ArrayList<>(rows.stream().map(Shown::primary).toList());
        Shown overall = Shown.primary(total);
        complement(overall, shown, s -> s.numeratorHidden, s -> s.hideNumerator(), s -> s.cell.numerator());
        complement(overall, shown, s -> s.denominatorHidden, s -> s.hideDenominator(),
                s -> s.cell.denominator());
        return new Document("overall", overall.toDocument())
                .append("bySource", shown.stream().map(Shown::toDocument).toList());
    }

    /** Where exactly one row hides a count the total shows, hides the smallest other row's as well. */
    private static void complement(Shown total, List<Shown> rows, java.util.function.Predicate<Shown> hidden,
                                   java.util.function.Consumer<Shown> hide,
                                   java.util.function.ToLongFunction<Shown> count) {
        long hiddenRows = rows.stream().filter(hidden).count();
        if (hiddenRows != 1 || hidden.test(total)) {
            return;
        }
        rows.stream().filter(hidden.negate()).min(Comparator.comparingLong(count))
                .ifPresentOrElse(hide, () -> hide.accept(total));
    }

    private static final class Shown {
        private final Cell cell;
        private boolean numeratorHidden;
        private boolean denominatorHidden;

        private Shown(Cell cell) {
            this.cell = cell;
        }

        static Shown primary(Cell cell) {
            Shown shown = new Shown(cell);
            if (cell.denominator() < THRESHOLD) {
                shown.hideDenominator();
            } else if (cell.numerator() < THRESHOLD || cell.denominator() - cell.numerator() < THRESHOLD) {
                shown.hideNumerator();
            }
            return shown;
        }

        void hideNumerator() {
            numeratorHidden = true;
        }

        void hideDenominator() {
            numeratorHidden = true;
            denominatorHidden = true;
        }

        Document toDocument() {
            Document shown = new Document();
            if (cell.label() != null) {
                shown.append("sourceSystem", cell.label());
            }
            return shown.append("denominator", denominatorHidden ? null : cell.denominator())
                    .append("numerator", numeratorHidden ? null : cell.numerator())
                    .append("rate", numeratorHidden || cell.denominator() == 0 ? null
                            : Math.round(1000.0 * cell.numerator() / cell.denominator()) / 1000.0)
                    .append("suppressed", numeratorHidden);
        }
    }
}
