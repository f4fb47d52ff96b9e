package org.hiehub.command.identity.matching.fellegisunter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hiehub.command.identity.matching.TestCsv;
import org.hiehub.command.identity.matching.compare.EditDistanceComparator;
import org.hiehub.command.identity.matching.compare.ExactComparator;
import org.hiehub.command.identity.matching.compare.FieldComparator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reproduces Splink 2's EM iteration history on fake_1000 (fixtures and their settings: test resources
 * mpi/splink/SOURCE.md) to 1e-6: lambda and every level's m and u after each iteration.
 */
class ExpectationMaximisationOracleTest {

    private static final String DIR = "/mpi/splink/";
    private static final List<FieldComparator<Map<String, String>>> COMPARISONS = List.of(
            new EditDistanceComparator<>("first_name", row -> value(row, "first_name"), 2),
            new ExactComparator<>("dob", row -> value(row, "dob")),
            new ExactComparator<>("city", row -> value(row, "city")),
            new ExactComparator<>("email", row -> value(row, "email")));

    @ParameterizedTest(name = "u fixed: {0}")
    @CsvSource({"true, fixed_u", "false, no_fix"})
    void reproduces_splinks_lambda_m_and_u_for_every_iteration(boolean fixU, String variant) {
        List<FellegiSunterModel> history = new ExpectationMaximisation(fixU, 2, 0)
                .train(startingModel(), surnameBlockedPairs(TestCsv.read(DIR + "fake_1000_splink_tests.csv")));

        List<Map<String, String>> lambdas = TestCsv.read(DIR + "splink2_proportion_of_matches_history_" + variant
                + ".csv");
        assertThat(history).hasSize(lambdas.size());
        for (Map<String, String> row : lambdas) {
            assertThat(history.get(Integer.parseInt(row.get("iteration"))).lambda())
                    .isCloseTo(Double.parseDouble(row.get("λ")), within(1e-6));
        }
        List<Map<String, String>> levels = TestCsv.read(DIR + "splink2_m_u_history_" + variant + ".csv");
        assertThat(levels).hasSize(3 * 9);
        for (Map<String, String> row : levels) {
            FellegiSunterModel model = history.get(Integer.parseInt(row.get("iteration")));
            ComparisonParameters comparison = model.comparisons().stream()
                    .filter(c -> c.field().equals(row.get("column_name"))).findFirst().orElseThrow();
            int level = Integer.parseInt(row.get("comparison_vector_value"));
            assertThat(comparison.m(level)).as("m %s", row).isCloseTo(Double.parseDouble(row.get("m_probability")),
                    within(1e-6));
            assertThat(comparison.u(level)).as("u %s", row).isCloseTo(Double.parseDouble(row.get("u_probability")),
                    within(1e-6));
        }
    }

    private static FellegiSunterModel startingModel() {
        return new FellegiSunterModel(0.3, List.of(
                new ComparisonParameters("first_name", new double[] {0.1, 0.2, 0.7}, new double[] {0.8, 0.1, 0.1},
                        2, 0.6),
                binary("dob"), binary("city"), binary("email")));
    }

    private static ComparisonParameters binary(String field) {
        return new ComparisonParameters(field, new double[] {0.1, 0.9}, new double[] {0.9, 0.1});
    }

    /** Splink's training pairs: each unordered pair of records whose surname is present and equal. */
    private static ComparisonVectors surnameBlockedPairs(List<Map<String, String>> rows) {
        Map<String, Double> firstNameFrequency = termFrequencies(rows, "first_name");
        List<int[]> levels = new ArrayList<>();
        List<double[]> frequencies = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                String surname = value(rows.get(i), "surname");
                if (surname == null || !surname.equals(value(rows.get(j), "surname"))) {
                    continue;
                }
                int[] pair = new int[COMPARISONS.size()];
                for (int c = 0; c < pair.length; c++) {
                    pair[c] = COMPARISONS.get(c).compare(rows.get(i), rows.get(j));
                }
                levels.add(pair);
                double tf = pair[0] == 2 ? firstNameFrequency.get(value(rows.get(i), "first_name")) : 0;
                frequencies.add(new double[] {tf, 0, 0, 0});
            }
        }
        return new ComparisonVectors(levels.toArray(int[][]::new), frequencies.toArray(double[][]::new));
    }

    /** Share of records (with a value) carrying each value, as Splink computes its tf tables. */
    private static Map<String, Double> termFrequencies(List<Map<String, String>> rows, String column) {
        Map<String, Double> counts = new HashMap<>();
        long present = rows.stream().map(r -> value(r, column)).filter(v -> v != null).count();
        rows.stream().map(r -> value(r, column)).filter(v -> v != null).forEach(v -> counts.merge(v, 1.0, Double::sum));
        counts.replaceAll((value, count) -> count / present);
        return counts;
    }

    /** pandas reads empty cells as null; whitespace is kept ("Julia " stays as it is, as in Splink). */
    private static String value(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isEmpty() ? null : value;
    }
}
