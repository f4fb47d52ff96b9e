package org.hiehub.command.identity.matching.fellegisunter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FellegiSunterModelTest {

    private final FellegiSunterModel model = new FellegiSunterModel(0.2, List.of(
            new ComparisonParameters("name", new double[] {0.1, 0.9}, new double[] {0.8, 0.2}, 1, 1.0),
            new ComparisonParameters("dob", new double[] {0.05, 0.95}, new double[] {0.99, 0.01})));

    @Test
    void the_match_weight_is_the_prior_log_odds_plus_each_levels_log2_bayes_factor() {
        double expected = log2(0.2 / 0.8) + log2(0.9 / 0.2) + log2(0.05 / 0.99);

        assertThat(model.matchWeight(new int[] {1, 0}, null)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void a_missing_comparison_weighs_nothing() {
        assertThat(model.matchWeight(new int[] {-1, -1}, null)).isCloseTo(model.priorWeight(), within(1e-12));
    }

    @Test
    void agreeing_on_a_rare_value_weighs_more_than_agreeing_on_a_common_one() {
        double rare = model.matchWeight(new int[] {1, -1}, new double[] {0.001, 0});
        double common = model.matchWeight(new int[] {1, -1}, new double[] {0.1, 0});

        assertThat(rare).isGreaterThan(common);
        assertThat(rare - common).isCloseTo(log2(0.1 / 0.001), within(1e-12));
    }

    @Test
    void the_probability_of_weight_zero_is_one_half_and_grows_with_the_weight() {
        assertThat(FellegiSunterModel.probability(0)).isEqualTo(0.5);
        assertThat(FellegiSunterModel.probability(10)).isCloseTo(1024.0 / 1025, within(1e-12));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
