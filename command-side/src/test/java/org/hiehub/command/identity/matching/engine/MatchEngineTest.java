package org.hiehub.command.identity.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hiehub.command.identity.matching.Engines;
import org.hiehub.command.identity.matching.Profiles;
import org.hiehub.command.identity.matching.compare.PersonComparators;
import org.junit.jupiter.api.Test;

class MatchEngineTest {

    private final MatchEngine engine = Engines.hubDefault();

    @Test
    void the_same_person_with_a_nickname_and_a_transposed_birth_date_is_auto_linked() {
        MatchDecision decision = engine.decide("c1", Profiles.person().given("William").born(1961, 3, 4).profile(),
                Profiles.person().given("Bill").born(1961, 4, 3).profile());

        assertThat(decision.tier()).isEqualTo(MatchTier.AUTO_LINK);
        assertThat(decision.confidence()).isGreaterThanOrEqualTo(95);
        assertThat(decision.evidence()).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("given");
            assertThat(e.label()).startsWith("nickname");
            assertThat(e.weight()).isPositive();
        });
    }

    @Test
    void the_decision_shows_every_fields_level_and_weight_and_missing_weighs_nothing() {
        MatchDecision decision = engine.decide("c1", Profiles.person().profile(), Profiles.person().profile());

        assertThat(decision.evidence()).hasSize(PersonComparators.standard().size());
        assertThat(decision.evidence()).filteredOn(e -> e.field().equals("phone")).singleElement()
                .satisfies(e -> {
                    assertThat(e.label()).isEqualTo("missing");
                    assertThat(e.weight()).isZero();
                });
        double sum = decision.evidence().stream().mapToDouble(FieldEvidence::weight).sum();
        assertThat(decision.matchWeight()).isCloseTo(sum + engine.model().priorWeight(),
                within(1e-9));
    }

    @Test
    void different_people_who_share_only_a_surname_are_not_matched() {
        MatchDecision decision = engine.decide("c1", Profiles.person().profile(), Profiles.person().given("Olive")
                .born(1990, 11, 2).street("7 Kent Road").city("Dapto").postcode("2530").profile());

        assertThat(decision.tier()).isEqualTo(MatchTier.NO_MATCH);
    }

    @Test
    void twins_with_different_birth_orders_are_kept_apart() {
        MatchDecision decision = engine.decide("c1", Profiles.person().given("Anna").birthOrder(1).profile(),
                Profiles.person().given("Hanna").birthOrder(2).profile());

        assertThat(decision.tier().links()).isFalse();
    }

    @Test
    void a_conflicting_ssn_keeps_an_otherwise_identical_pair_from_linking() {
        MatchDecision decision = engine.decide("c1", Profiles.person().ssn("123456789").profile(),
                Profiles.person().ssn("555443333").profile());

        assertThat(decision.confidence()).isGreaterThan(95);
        assertThat(decision.tier()).isEqualTo(MatchTier.SUGGEST);
    }

    @Test
    void tiers_follow_the_configured_bands() {
        MatchThresholds bands = MatchThresholds.DEFAULTS;

        assertThat(bands.tierOf(95)).isEqualTo(MatchTier.AUTO_LINK);
        assertThat(bands.tierOf(94.9)).isEqualTo(MatchTier.REVIEW);
        assertThat(bands.tierOf(80)).isEqualTo(MatchTier.REVIEW);
        assertThat(bands.tierOf(79.9)).isEqualTo(MatchTier.SUGGEST);
        assertThat(bands.tierOf(60)).isEqualTo(MatchTier.SUGGEST);
        assertThat(bands.tierOf(59.9)).isEqualTo(MatchTier.NO_MATCH);
        assertThat(new MatchPolicy(bands, MatchTier.AUTO_LINK).tierOf(99, true)).isEqualTo(MatchTier.AUTO_LINK);
        assertThat(new MatchPolicy(bands, MatchTier.REVIEW).tierOf(99, true)).isEqualTo(MatchTier.REVIEW);
    }
}
