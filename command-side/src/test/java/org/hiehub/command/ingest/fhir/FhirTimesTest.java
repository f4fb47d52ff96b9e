package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.hiehub.api.clinical.ClinicalTime;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.junit.jupiter.api.Test;

class FhirTimesTest {

    @Test
    void a_partial_date_keeps_its_precision_and_gives_no_instant() {
        ClinicalTime year = FhirTimes.time(new DateTimeType("1974"));
        ClinicalTime month = FhirTimes.time(new DateTimeType("1974-12"));

        assertThat(year).isEqualTo(new ClinicalTime("1974", null, LocalDate.of(1974, 1, 1), "year"));
        assertThat(month.precision()).isEqualTo("month");
        assertThat(month.instant()).isNull();
    }

    @Test
    void a_date_time_with_offset_becomes_an_instant_and_keeps_the_local_date_as_sent() {
        ClinicalTime time = FhirTimes.time(new DateTimeType("2015-02-07T23:28:17.239+02:00"));

        assertThat(time.instant()).isEqualTo(Instant.parse("2015-02-07T21:28:17.239Z"));
        assertThat(time.date()).isEqualTo(LocalDate.of(2015, 2, 7));
        assertThat(time.precision()).isEqualTo("millisecond");
        assertThat(time.asSent()).isEqualTo("2015-02-07T23:28:17.239+02:00");
    }

    @Test
    void what_fhir_allows_and_java_time_does_not_is_read_not_thrown() {
        assertThat(FhirTimes.time(new DateTimeType("2026-11-20T08:00:00.1234567890Z")).instant())
                .as("a fraction past the nanosecond").isEqualTo(Instant.parse("2026-11-20T08:00:00.123456789Z"));
        assertThat(FhirTimes.time(new DateTimeType("2016-12-31T23:59:60.5Z")).instant()).as("a leap second")
                .isEqualTo(Instant.parse("2017-01-01T00:00:00.5Z"));
    }

    @Test
    void a_birth_date_of_only_a_year_is_not_a_full_date() {
        assertThat(FhirTimes.fullDate(new DateType("1974"))).isNull();
        assertThat(FhirTimes.fullDate(new DateType("1974-12-25"))).isEqualTo(LocalDate.of(1974, 12, 25));
    }
}
