package org.hiehub.hub.readstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver sends {@code Filters.and(...)} as {@code $and}; the planner must still see the fields it names. */
class IndexPlannerTest {

    @Test
    void the_conjuncts_of_an_and_are_lifted_to_the_top_where_their_fields_do_not_collide() {
        Document query = new Document("$and", List.of(new Document("_id", "r1"),
                new Document("_rev", new Document("$lt", 3)),
                new Document("$and", List.of(new Document("kind", "lab")))));

        assertThat(IndexPlanner.flatten(query)).isEqualTo(new Document("_id", "r1")
                .append("_rev", new Document("$lt", 3)).append("kind", "lab"));
    }

    @Test
    void conjuncts_naming_a_field_twice_stay_under_the_and() {
        Document lower = new Document("t", new Document("$gt", 1));
        Document upper = new Document("t", new Document("$lt", 9));
        Document query = new Document("_id", "r1").append("$and", List.of(lower, upper));

        assertThat(IndexPlanner.flatten(query)).isEqualTo(new Document("_id", "r1").append("t", lower.get("t"))
                .append("$and", List.of(upper)));
    }

    @Test
    void a_filter_without_an_and_is_left_as_it_is() {
        Document query = new Document("_id", "r1");
        assertThat(IndexPlanner.flatten(query)).isSameAs(query);
    }
}
