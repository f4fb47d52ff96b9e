package org.hiehub.replay.eventlog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Points in time as auditors type them: {@code 2026-11-22T19:00:00Z}, with an offset, or a UTC day. */
public final class Instants {

    private Instants() {
    }

    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a point in time: '" + value
                    + "' (use 2026-11-22T19:00:00Z, an offset such as +01:00, or a day 2026-11-22)");
        }
    }
}
