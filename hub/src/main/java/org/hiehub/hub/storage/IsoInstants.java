package org.hiehub.hub.storage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A parser for the one instant format the hub and Axon write ({@code 2026-01-01T10:00:00Z},
 * {@code 2026-01-01T10:00:00.123Z}): {@link java.time.format.DateTimeFormatter} takes microseconds for what is a
 * dozen digit reads, and a replay parses two or three instants per event. Anything else is left to the caller.
 */
final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with up to nine fraction digits, else null. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: let jsr310 report it
        }
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000};

    /** The decimal number in {@code text[from, to)}, or -1 unless all are ASCII digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
