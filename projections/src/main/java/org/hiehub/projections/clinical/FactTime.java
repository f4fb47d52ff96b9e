package org.hiehub.projections.clinical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hiehub.api.clinical.ClinicalTime;

/**
 * When a fact happened, for ordering: the instant it carried, else the start of its calendar date (UTC) or of its
 * month or year, else the first of the fallbacks (e.g. the message's receipt). Never the wall clock, so a replay
 * orders facts the same way.
 */
public final class FactTime {

    private FactTime() {
    }

    public static Instant of(ClinicalTime... candidates) {
        for (ClinicalTime time : candidates) {
            Instant instant = instant(time);
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    public static Instant instant(ClinicalTime time) {
        if (time == null) {
            return null;
        }
        if (time.instant() != null) {
            return time.instant();
        }
        LocalDate date = time.date() != null ? time.date() : startOfPeriod(time);
        return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * An HL7 time of year or month precision ("2026", "202611") carries no date (so a birth year is never read
     * as the 1st of January), but it orders a fact better than the message's receipt does: the period's start.
     */
    private static LocalDate startOfPeriod(ClinicalTime time) {
        boolean month = "month".equals(time.precision());
        if (!month && !"year".equals(time.precision()) || time.asSent() == null) {
            return null;
        }
        String digits = time.asSent().replaceAll("\\D", "");
        try {
            return LocalDate.of(Integer.parseInt(digits.substring(0, 4)),
                    month ? Integer.parseInt(digits.substring(4, 6)) : 1, 1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static Instant orElse(Instant first, Instant fallback) {
        return first != null ? first : fallback;
    }

    public static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Sortable form: ISO strings of different precision do not sort by time, epoch milliseconds do. */
    public static long millis(Instant instant) {
        return instant == null ? Long.MIN_VALUE : instant.toEpochMilli();
    }
}
