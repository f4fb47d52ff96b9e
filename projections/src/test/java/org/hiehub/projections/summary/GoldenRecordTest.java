package org.hiehub.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PersonName;
import org.hiehub.projections.summary.SurvivorshipRules.Rule;
import org.junit.jupiter.api.Test;

class GoldenRecordTest {

    static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant NEW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void the_most_complete_name_wins_and_the_newest_contact_wins_each_naming_its_source() {
        LinkedRecord hospital = record("sr-1", "HOSP", OLD, new PersonName("official", "Smith", List.of("John", "Q"),
                "Mr", null), LocalDate.of(1970, 1, 15), "555-0001");
        LinkedRecord lab = record("sr-2", "LAB", NEW, PersonName.of("Smith", "J"), LocalDate.of(1970, 1, 15),
                "555-0002");

        Document golden = new GoldenRecord(SurvivorshipRules.defaults()).of(List.of(hospital, lab));

        assertThat(golden.get("name", Document.class).get("value", Document.class).getString("prefix")).isEqualTo("Mr");
        assertThat(source(golden, "name")).isEqualTo("HOSP");
        assertThat(source(golden, "telecoms")).isEqualTo("LAB");
    }

    @Test
    void the_source_trust_ranking_breaks_a_tie_in_completeness() {
        LinkedRecord clinic = record("sr-1", "CLINIC", NEW, PersonName.of("Jones", "Ann"), null, null);
        LinkedRecord registry = record("sr-2", "REGISTRY", OLD, PersonName.of("Jonés", "Anne"), null, null);
        SurvivorshipRules trustRegistry = new SurvivorshipRules(Rule.MOST_COMPLETE, Rule.NEWEST, Rule.NEWEST,
                Rule.MOST_COMPLETE, Rule.NEWEST, Rule.NEWEST, List.of("REGISTRY", "CLINIC"));

        assertThat(source(new GoldenRecord(trustRegistry).of(List.of(clinic, registry)), "name")).isEqualTo("REGISTRY");
        assertThat(source(new GoldenRecord(SurvivorshipRules.defaults()).of(List.of(clinic, registry)), "name"))
                .as("without a ranking the newer source wins the tie").isEqualTo("CLINIC");
    }

    @Test
    void a_most_trusted_rule_takes_the_trusted_sources_value_even_when_older() {
        LinkedRecord registry = record("sr-1", "REGISTRY", OLD, PersonName.of("Lee", "Kim"), LocalDate.of(1980, 2, 3),
                null);
        LinkedRecord lab = record("sr-2", "LAB", NEW, PersonName.of("Lee", "Kim"), LocalDate.of(1980, 3, 2), null);
        SurvivorshipRules birthFromRegistry = new SurvivorshipRules(Rule.MOST_COMPLETE, Rule.MOST_TRUSTED, Rule.NEWEST,
                Rule.MOST_COMPLETE, Rule.NEWEST, Rule.NEWEST, List.of("REGISTRY"));

        Document golden = new GoldenRecord(birthFromRegistry).of(List.of(lab, registry));

        assertThat(golden.get("birthDate", Document.class).getString("value")).isEqualTo("1980-02-03");
    }

    @Test
    void an_erased_source_contributes_nothing() {
        LinkedRecord erased = new LinkedRecord("sr-9", "HOSP", null, null, NEW, 100, "NEW_PATIENT", NEW);
        assertThat(new GoldenRecord(SurvivorshipRules.defaults()).of(List.of(erased))).isEmpty();
    }

    private static String source(Document golden, String field) {
        return golden.get(field, Document.class).get("source", Document.class).getString("sourceSystem");
    }

    private static LinkedRecord record(String id, String system, Instant updated, PersonName name, LocalDate birth,
                                       String phone) {
        Demographics demographics = new Demographics(List.of(name), birth, null, List.of(),
                List.of(new Address("home", List.of("1 Main St"), "Town", null, null, null, null)),
                phone == null ? List.of() : List.of(new ContactPoint("phone", phone, "home")), null, null);
        return new LinkedRecord(id, system, "L-" + id, demographics, updated, 100, "PROBABILISTIC", updated);
    }
}
