package org.hiehub.projections.caregaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class CareGapRulesTest {

    static final Instant AS_OF = Instant.parse("2026-11-15T00:00:00Z");
    static final LocalDate SIXTY = LocalDate.of(1966, 3, 1);

    @Test
    void a_diabetic_whose_last_hba1c_is_seven_months_old_has_a_gap_and_one_from_last_month_has_none() {
        Document old = new Document("diabetes", true).append("lastHbA1c", millis("2026-04-10T00:00:00Z"));
        Document recent = new Document("diabetes", true).append("lastHbA1c", millis("2026-10-10T00:00:00Z"));

        assertThat(rules(List.of(old), null)).contains("diabetes-hba1c");
        assertThat(rules(List.of(recent), null)).doesNotContain("diabetes-hba1c");
        assertThat(rules(List.of(new Document("diabetes", true), recent), null)).doesNotContain("diabetes-hba1c");
    }

    @Test
    void hypertension_needs_a_blood_pressure_within_twelve_months() {
        Document none = new Document("hypertension", true);
        Document lastYear = new Document("hypertension", true).append("lastBloodPressure",
                millis("2026-01-02T00:00:00Z"));

        assertThat(rules(List.of(none), null)).contains("hypertension-bp");
        assertThat(rules(List.of(lastYear), null)).doesNotContain("hypertension-bp");
    }

    @Test
    void colorectal_screening_applies_from_50_to_75_and_a_fit_this_year_closes_it() {
        Document fit = new Document("lastStoolTest", millis("2026-02-01T00:00:00Z"));

        assertThat(rules(List.of(), SIXTY)).contains("colorectal-screening");
        assertThat(rules(List.of(fit), SIXTY)).doesNotContain("colorectal-screening");
        assertThat(rules(List.of(), LocalDate.of(1990, 1, 1))).doesNotContain("colorectal-screening");
        assertThat(rules(List.of(), LocalDate.of(1940, 1, 1))).doesNotContain("colorectal-screening");
    }

    @Test
    void an_influenza_vaccine_counts_only_from_july_1_of_the_current_season() {
        Document lastSeason = new Document("lastInfluenzaVaccine", millis("2026-06-20T00:00:00Z"));
        Document thisSeason = new Document("lastInfluenzaVaccine", millis("2026-09-20T00:00:00Z"));

        assertThat(rules(List.of(lastSeason), SIXTY)).contains("influenza-immunization");
        assertThat(rules(List.of(thisSeason), SIXTY)).doesNotContain("influenza-immunization");
        assertThat(rules(List.of(), LocalDate.of(2026, 8, 1))).doesNotContain("influenza-immunization");
    }

    private static List<String> rules(List<Document> evidence, LocalDate birthDate) {
        return CareGapRules.evaluate(evidence, birthDate, AS_OF).stream().map(CareGap::rule).toList();
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
