package org.hiehub.hub.readstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The driver sends {@code Filters.and(...)} as {@code $and}, and the hub finds patients by element match; the planner
 * must still see the fields they name.
 */
class IndexPlannerTest {

    private static final Document MRN_7 = new Document("identifiers", new Document("$elemMatch",
            new Document("$and", List.of(new Document("system", "MRN"), new Document("value", "7")))));

    @Test
    void an_element_match_is_answered_through_the_compound_index_on_the_array_and_a_match_across_elements_is_not() {
        SecondaryIndex<Integer> identifiers = new SecondaryIndex<>("identifier",
                List.of(new IndexKey("identifiers.system", true), new IndexKey("identifiers.value", true)), false);
        identifiers.add(summary("p1", List.of(identifier("MRN", "7"), identifier("SSN", "1"))), 1, null);
        identifiers.add(summary("p2", List.of(identifier("MRN", "8"))), 2, null);
        identifiers.add(summary("p3", List.of(identifier("MRN", "1"), identifier("SSN", "7"))), 3, null);

        IndexPlanner.Plan<Integer> plan = IndexPlanner.plan(List.of(identifiers), MRN_7);

        assertThat(plan).as("served by the index, not a scan").isNotNull();
        assertThat(plan.candidates()).as("keyed per element: p3 holds MRN and 7 in different ones").containsExactly(1);
        assertThat(plan.rest()).as("the element match is still checked on the candidates")
                .isEqualTo(new Document("identifiers", MRN_7.get("identifiers")));
        assertThat(IndexPlanner.plan(List.of(identifiers), new Document("identifiers.system", "MRN")
                .append("identifiers.value", "7"))).as("p3 matches this: not through a per-element index").isNull();

        SecondaryIndex<Integer> values = new SecondaryIndex<>("value",
                List.of(new IndexKey("identifiers.value", true)), false);
        values.add(summary("p1", List.of(identifier("MRN", "7"), identifier("SSN", "1"))), 1, null);
        values.add(summary("p3", List.of(identifier("MRN", "1"), identifier("SSN", "7"))), 3, null);
        Document anySystem = new Document("identifiers", new Document("$elemMatch", new Document("value", "7")));
        assertThat(IndexPlanner.plan(List.of(identifiers, values), anySystem).candidates()).as("a value in any system")
                .containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void an_element_match_names_its_plain_values_under_the_array_and_nothing_else() {
        Document query = new Document("identifiers", new Document("$elemMatch", new Document("system", "MRN")
                .append("value", new Document("$gt", "3")).append("period", null)))
                .append("kind", "lab");

        assertThat(IndexPlanner.withElementFields(query)).isEqualTo(new Document(query)
                .append("identifiers.system", "MRN"));
        assertThat(IndexPlanner.withElementFields(new Document("kind", "lab"))).isEqualTo(new Document("kind", "lab"));
    }

    @Test
    void only_an_unsorted_limited_query_naming_nothing_reads_less_than_the_whole_collection() {
        Document everything = new Document();

        assertThat(IndexPlanner.scanned(everything, null, 0, 1, 30_000)).as("the first document").isEqualTo(1);
        assertThat(IndexPlanner.scanned(everything, new Document(), 10, 5, 30_000)).isEqualTo(15);
        assertThat(IndexPlanner.scanned(everything, new Document("day", 1), 0, 1, 30_000)).as("sorted: all")
                .isEqualTo(30_000);
        assertThat(IndexPlanner.scanned(new Document("kind", "lab"), null, 0, 1, 30_000)).as("filtered: up to all")
                .isEqualTo(30_000);
        assertThat(IndexPlanner.scanned(everything, null, 0, 0, 30_000)).as("no limit").isEqualTo(30_000);
    }

    @Test
    void an_or_is_answered_through_indexes_only_when_each_branch_has_one() {
        SecondaryIndex<Integer> names = new SecondaryIndex<>("names", List.of(new IndexKey("names", true)), false);
        SecondaryIndex<Integer> sounds = new SecondaryIndex<>("sounds", List.of(new IndexKey("sounds", true)), false);
        for (Document doc : List.of(person(1, "gutmann", "KTMN"), person(2, "goodman", "KTMN"),
                person(3, "gutierrez", "KTRS"), person(4, "zabel", "SPL"))) {
            names.add(doc, (Integer) doc.get("_id"), null);
            sounds.add(doc, (Integer) doc.get("_id"), null);
        }
        Document either = new Document("$or", List.of(new Document("names", new BsonRegularExpression("^\\Qgut\\E")),
                new Document("sounds", new Document("$in", List.of("KT")))));
        Document eitherOrUnkeyed = new Document("$or", List.of(new Document("names", "zabel"),
                new Document("keys", new Document("$exists", false))));

        IndexPlanner.Plan<Integer> plan = IndexPlanner.plan(List.of(names, sounds), either);

        assertThat(plan.candidates()).containsExactlyInAnyOrder(1, 3);
        assertThat(plan.rest()).as("the whole filter is checked").isEqualTo(either);
        assertThat(IndexPlanner.plan(List.of(names, sounds), eitherOrUnkeyed)).as("a branch needs a scan").isNull();
    }

    @Test
    void a_prefix_is_a_literal_anchored_at_the_start_and_nothing_looser() {
        assertThat(SecondaryIndex.prefixOf(new BsonRegularExpression("^\\Qo'brien.\\E"))).isEqualTo("o'brien.");
        assertThat(SecondaryIndex.prefixOf(new BsonRegularExpression("^gut", ""))).isEqualTo("gut");
        assertThat(SecondaryIndex.prefixOf(new BsonRegularExpression("^gut", "i"))).isNull();
        assertThat(SecondaryIndex.prefixOf(new BsonRegularExpression("^gu.t"))).isNull();
        assertThat(SecondaryIndex.prefixOf(new BsonRegularExpression("gut"))).isNull();
        assertThat(SecondaryIndex.prefixOf(new BsonRegularExpression("^\\Qa\\E|\\Qb\\E"))).isNull();
        assertThat(SecondaryIndex.prefixOf("^gut")).as("a string is equality, not a pattern").isNull();
    }

    private static Document person(int id, String name, String sound) {
        return new Document("_id", id).append("names", List.of(name)).append("sounds", List.of(sound));
    }

    private static Document summary(String id, List<Document> identifiers) {
        return new Document("_id", id).append("identifiers", identifiers);
    }

    private static Document identifier(String system, String value) {
        return new Document("system", system).append("value", value);
    }

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
