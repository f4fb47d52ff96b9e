package org.hiehub.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.query.timeline.TimelineQuery;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

/** FHIR code and date parameters decided on timeline keys, as a search of a large patient needs them. */
class FactSearchTest {

    static final TimelineKeys.Key HEART_RATE = key("8867-4", "http://loinc.org", "2025-04-12T11:45:00Z");
    static final TimelineKeys.Key UNCODED = key("", "", "2025-04-12T11:45:00Z");

    @Test
    void a_code_matches_in_any_system_or_in_the_system_named_and_comma_means_or() {
        assertThat(matches("8867-4", null, HEART_RATE)).isTrue();
        assertThat(matches("http://loinc.org|8867-4", null, HEART_RATE)).isTrue();
        assertThat(matches("|8867-4", null, HEART_RATE)).isTrue();
        assertThat(matches("http://snomed.info/sct|8867-4", null, HEART_RATE)).isFalse();
        assertThat(matches("2339-0, 8867-4", null, HEART_RATE)).isTrue();
        assertThat(matches("2339-0", null, HEART_RATE)).isFalse();
        assertThat(matches("8867-4", null, UNCODED)).isFalse();
        assertThat(matches(null, null, UNCODED)).isTrue();
    }

    @Test
    void a_date_matches_at_its_precision_with_each_prefix_and_several_dates_all_apply() {
        assertThat(matches(null, List.of("2025-04-12"), HEART_RATE)).isTrue();
        assertThat(matches(null, List.of("2025-04"), HEART_RATE)).isTrue();
        assertThat(matches(null, List.of("eq2025-04-13"), HEART_RATE)).isFalse();
        assertThat(matches(null, List.of("ne2025-04-12"), HEART_RATE)).isFalse();
        assertThat(matches(null, List.of("lt2025-04-12"), HEART_RATE)).isFalse();
        assertThat(matches(null, List.of("le2025-04-12"), HEART_RATE)).isTrue();
        assertThat(matches(null, List.of("gt2025-04-11"), HEART_RATE)).isTrue();
        assertThat(matches(null, List.of("ge2025-04-13"), HEART_RATE)).isFalse();
        assertThat(matches("8867-4", List.of("ge2025-01-01", "lt2025-05-01"), HEART_RATE)).isTrue();
        assertThat(matches("8867-4", List.of("ge2025-01-01", "lt2025-04-01"), HEART_RATE)).isFalse();
        assertThatThrownBy(() -> FactSearch.matching(null, List.of("yesterday")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_dates_together_bound_the_days_a_page_reads() {
        TimelineQuery.Filter january = FactSearch.span("observation", List.of("ge2022-01-01", "lt2022-02-01"));
        TimelineQuery.Filter year = FactSearch.span("observation", List.of("2022"));
        TimelineQuery.Filter after = FactSearch.span("observation", List.of("gt2022-01", "ne2022-03-01"));

        assertThat(january.types()).containsExactly("observation");
        assertThat(january.from()).isEqualTo(startOf("2022-01-01T00:00:00Z"));
        assertThat(january.to()).isEqualTo(startOf("2022-02-01T00:00:00Z"));
        assertThat(year.from()).isEqualTo(startOf("2022-01-01T00:00:00Z"));
        assertThat(year.to()).isEqualTo(startOf("2023-01-01T00:00:00Z"));
        assertThat(after.from()).isEqualTo(startOf("2022-02-01T00:00:00Z"));
        assertThat(after.to()).isNull();
        assertThat(FactSearch.span("observation", null).from()).isNull();
    }

    /** Where a date begins as the search reads it (a date without a zone, as HAPI's DateTimeType reads it). */
    private static Instant startOf(String instant) {
        return new DateTimeType(instant.substring(0, 10)).getValue().toInstant();
    }

    private static boolean matches(String code, List<String> dates, TimelineKeys.Key key) {
        Predicate<TimelineKeys.Key> matching = FactSearch.matching(code, dates);
        return matching.test(key);
    }

    private static TimelineKeys.Key key(String code, String system, String time) {
        return new TimelineKeys.Key(Instant.parse(time).toEpochMilli(), "observation", "m1/1", system, code, "LAB");
    }
}
