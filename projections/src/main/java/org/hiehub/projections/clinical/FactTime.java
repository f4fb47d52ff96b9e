package org.hiehub.projections.clinical;

import java.time.Instant;
import java.time.ZoneOffset;
import org.hiehub.api.clinical.ClinicalTime;

/**
 * When a fact happened, for ordering: the instant it carried, else the start of its calendar date (UTC), else the
 * first of the fallbacks (e.g. the message's receipt). Never the wall clock, so a replay orders facts the same way.
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
        return time.date() == null ? null : time.date().atStartOfDay(ZoneOffset.UTC).toInstant();
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
