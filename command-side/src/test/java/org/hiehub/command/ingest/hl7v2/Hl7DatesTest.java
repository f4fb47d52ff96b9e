package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

class Hl7DatesTest {

    @Test
    void a_date_keeps_day_precision_and_has_no_instant() throws RejectedInput {
        ClinicalTime time = Hl7Dates.time("19700115", "PID-7");

        assertThat(time).isEqualTo(new ClinicalTime("19700115", null, LocalDate.of(1970, 1, 15), "day"));
    }

    @Test
    void a_time_with_an_offset_becomes_the_right_instant() throws RejectedInput {
        ClinicalTime time = Hl7Dates.time("202611221430-0500", "OBX-14");

        assertThat(time.instant()).isEqualTo(Instant.parse("2026-11-22T19:30:00Z"));
        assertThat(time.precision()).isEqualTo("minute");
        assertThat(time.asSent()).isEqualTo("202611221430-0500");
    }

    @Test
    void fractions_of_a_second_are_kept_to_the_millisecond() throws RejectedInput {
        ClinicalTime time = Hl7Dates.time("20261122143005.1234+0100", "OBX-14");

        assertThat(time.instant()).isEqualTo(Instant.parse("2026-11-22T13:30:05.1234Z"));
        assertThat(time.precision()).isEqualTo("millisecond");
    }

    @Test
    void a_time_without_offset_is_read_as_utc_and_keeps_what_was_sent() throws RejectedInput {
        ClinicalTime time = Hl7Dates.time("2026112214", "PV1-44");

        assertThat(time.instant()).isEqualTo(Instant.parse("2026-11-22T14:00:00Z"));
        assertThat(time.precision()).isEqualTo("hour");
    }

    @Test
    void a_time_without_offset_is_read_in_the_sender_s_zone_while_its_message_is_read() throws RejectedInput {
        try (Hl7Dates.SenderZone ignored = Hl7Dates.readingIn(ZoneId.of("Europe/Berlin"))) {
            assertThat(Hl7Dates.time("202607011200", "OBX-14").instant()).as("summer time")
                    .isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
            assertThat(Hl7Dates.time("202612011200", "OBX-14").instant())
                    .isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
            assertThat(Hl7Dates.time("202612011200-0500", "OBX-14").instant()).as("an offset sent wins")
                    .isEqualTo(Instant.parse("2026-12-01T17:00:00Z"));
        }
        assertThat(Hl7Dates.time("202612011200", "OBX-14").instant()).as("the scope closed")
                .isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(Hl7Dates.statedOffset("202611221200+0200")).contains(ZoneOffset.ofHours(2));
        assertThat(Hl7Dates.statedOffset("202611221200")).isEmpty();
        assertThat(Hl7Dates.statedOffset("20261131+0200")).isEmpty();
    }

    @Test
    void year_and_month_precision_have_neither_date_nor_instant() throws RejectedInput {
        assertThat(Hl7Dates.time("1970", "PID-7").precision()).isEqualTo("year");
        assertThat(Hl7Dates.time("197001", "PID-7").precision()).isEqualTo("month");
        assertThat(Hl7Dates.time("197001", "PID-7").date()).isNull();
    }

    @Test
    void empty_values_are_absent_not_errors() throws RejectedInput {
        assertThat(Hl7Dates.time(null, "PID-7")).isNull();
        assertThat(Hl7Dates.time("  ", "PID-7")).isNull();
    }

    @Test
    void an_impossible_date_is_refused_naming_the_field() {
        assertThatThrownBy(() -> Hl7Dates.time("20230231", "PID-7"))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("PID-7");
                    assertThat(e.code()).isEqualTo(102);
                    assertThat(e.structural()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("20230231");
                });
        assertThatThrownBy(() -> Hl7Dates.time("20170229125200-0500", "OBR-22")).isInstanceOf(RejectedInput.class);
        assertThatThrownBy(() -> Hl7Dates.time("202611222561", "OBX-14")).isInstanceOf(RejectedInput.class);
        assertThatThrownBy(() -> Hl7Dates.time("DOB", "PID-7")).isInstanceOf(RejectedInput.class);
        assertThatThrownBy(() -> Hl7Dates.time("202301011230+0099", "OBX-14")).as("minutes of an offset")
                .isInstanceOf(RejectedInput.class);
        assertThatThrownBy(() -> Hl7Dates.time("202301011230.5", "OBX-14")).as("a fraction of no second")
                .isInstanceOf(RejectedInput.class);
    }

    @Test
    void an_iso_date_in_an_hl7_field_is_read() throws RejectedInput {
        assertThat(Hl7Dates.date("1970-01-15", "PID-7")).isEqualTo(LocalDate.of(1970, 1, 15));
    }
}
