package org.hiehub.api.clinical;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A point in time as sent and as parsed: {@code asSent} is the original string (HL7 TS/DTM, FHIR dateTime),
 * {@code instant} its ISO 8601 instant when it carried a time, {@code date} its calendar date, and
 * {@code precision} how much it said (year, month, day, minute, second, millisecond).
 */
public record ClinicalTime(String asSent, Instant instant, LocalDate date, String precision) {
}
