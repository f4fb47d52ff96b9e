package org.hiehub.query.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class SmallCellsTest {

    @Test
    void counts_of_eleven_and_more_are_shown_with_their_rate() {
        Document table = SmallCells.table(new SmallCells.Cell(null, 30, 60), List.of());

        Document overall = table.get("overall", Document.class);
        assertThat(overall.getLong("numerator")).isEqualTo(30);
        assertThat(overall.getLong("denominator")).isEqualTo(60);
        assertThat(overall.getDouble("rate")).isEqualTo(0.5);
        assertThat(overall.getBoolean("suppressed")).isFalse();
    }

    @Test
    void a_small_numerator_or_a_small_complement_hides_the_numerator_and_the_rate() {
        Document small = SmallCells.table(new SmallCells.Cell(null, 4, 60), List.of()).get("overall", Document.class);
        Document smallComplement = SmallCells.table(new SmallCells.Cell(null, 55, 60), List.of())
                .get("overall", Document.class);

        assertThat(small.get("numerator")).isNull();
        assertThat(small.get("rate")).isNull();
        assertThat(small.getLong("denominator")).isEqualTo(60);
        assertThat(smallComplement.get("numerator")).isNull();
        assertThat(smallComplement.get("rate")).isNull();
    }

    @Test
    void a_small_denominator_hides_everything() {
        Document overall = SmallCells.table(new SmallCells.Cell(null, 0, 10), List.of()).get("overall", Document.class);

        assertThat(overall.get("denominator")).isNull();
        assertThat(overall.get("numerator")).isNull();
        assertThat(overall.getBoolean("suppressed")).isTrue();
    }

    @Test
    void a_lone_hidden_source_cannot_be_worked_out_from_the_total_and_the_other_sources() {
        Document table = SmallCells.table(new SmallCells.Cell(null, 50, 100), List.of(
                new SmallCells.Cell("A", 5, 30), new SmallCells.Cell("B", 20, 40), new SmallCells.Cell("C", 25, 30)));

        List<Document> rows = table.getList("bySource", Document.class);
        assertThat(rows.get(0).get("numerator")).isNull();
        // C's complement (5) is small too, so two numerators are hidden already: B stays shown
        assertThat(rows.get(2).get("numerator")).isNull();
        assertThat(rows.get(1).getLong("numerator")).isEqualTo(20);

        Document lone = SmallCells.table(new SmallCells.Cell(null, 50, 100), List.of(
                new SmallCells.Cell("A", 5, 30), new SmallCells.Cell("B", 20, 40), new SmallCells.Cell("C", 15, 30)));
        List<Document> loneRows = lone.getList("bySource", Document.class);
        assertThat(loneRows.stream().filter(r -> r.get("numerator") == null)).hasSize(2);
        assertThat(loneRows.get(2).get("numerator")).as("the smallest other numerator").isNull();
    }
}
