package org.hiehub.command.ingest.hl7v2;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.command.ingest.RejectedInput;

/**
 * HL7 v2 TS/DTM values ({@code YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]}) as a {@link ClinicalTime} that keeps the
 * string as sent and how precise it was. An impossible date (20230231) refuses the message naming the field, so
 * the sender learns which value to fix; it is never guessed into a neighbouring day. A time without an offset is
 * the sender's local time (HL7 v2.5.1 section 2.A.22): read in the zone the message's parse set with
 * {@link #readingIn} (see {@link Hl7TimeZones}), else UTC; the original string stays in {@code asSent} so it
 * can be read again.
 */
public final class Hl7Dates {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");
    /** Some senders put ISO dates in HL7 fields; read them rather than refuse an otherwise good message. */
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    /** The sender's zone for the message parsed on this thread, set for that parse only. */
    private static final ThreadLocal<ZoneId> SENDER_ZONE = new ThreadLocal<>();

    private Hl7Dates() {
    }

    /** The scope of one message's parse on this thread. */
    public interface SenderZone extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Reads times without an offset in {@code zone} on this thread until the scope is closed: one message's parse,
     * whose mappers read their fields' times through the static methods here.
     */
    public static SenderZone readingIn(ZoneId zone) {
        ZoneId outer = SENDER_ZONE.get();
        SENDER_ZONE.set(zone);
        return () -> {
            if (outer == null) {
                SENDER_ZONE.remove();
            } else {
                SENDER_ZONE.set(outer);
            }
        };
    }

    /** The time in {@code value}, null when the field is empty; {@code location} names the field, e.g. "OBX-14". */
    public static ClinicalTime time(String value, String location) throws RejectedInput {
        if (value == null || value.isBlank()) {
            return null;
        }
        String sent = value.strip();
        Matcher iso = ISO_DATE.matcher(sent);
        String digits = iso.matches() ? iso.group(1) + iso.group(2) + iso.group(3) : sent;
        Matcher m = DTM.matcher(digits);
        if (!m.matches() || (m.group(7) != null && m.group(6) == null)
                || (m.group(8) != null && Integer.parseInt(m.group(8).substring(3)) > 59)) {
            throw invalid(location);
        }
        try {
            return parsed(sent, m);
        } catch (DateTimeException e) {
            throw invalid(location);
        }
    }

    /** The offset {@code value} (a TS/DTM, e.g. MSH-7) states, if it is a valid time that states one. */
    public static Optional<ZoneOffset> statedOffset(String value) {
        Matcher m = value == null ? null : DTM.matcher(value.strip());
        if (m == null || !m.matches() || m.group(8) == null) {
            return Optional.empty();
        }
        try {
            return time(value, "MSH-7") == null ? Optional.empty() : Optional.of(offset(m.group(8)));
        } catch (RejectedInput | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The calendar date in {@code value} (a time part is allowed and dropped), null when the field is empty. */
    public static LocalDate date(String value, String location) throws RejectedInput {
        ClinicalTime time = time(value, location);
        return time == null ? null : time.date();
    }

    private static ClinicalTime parsed(String sent, Matcher m) {
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) == null) {
            LocalDate.of(year, 1, 1);
            return new ClinicalTime(sent, null, null, "year");
        }
        int month = Integer.parseInt(m.group(2));
        if (m.group(3) == null) {
            LocalDate.of(year, month, 1);
            return new ClinicalTime(sent, null, null, "month");
        }
        LocalDate date = LocalDate.of(year, month, Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return new ClinicalTime(sent, null, date, "day");
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
        LocalDateTime local = LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second, nanos));
        ZoneId zone = m.group(8) != null ? offset(m.group(8))
                : Objects.requireNonNullElse(SENDER_ZONE.get(), ZoneOffset.UTC);
        String precision = m.group(7) != null ? "millisecond" : m.group(6) != null ? "second"
                : m.group(5) != null ? "minute" : "hour";
        return new ClinicalTime(sent, local.atZone(zone).toInstant(), date, precision);
    }

    private static ZoneOffset offset(String sign) {
        int hours = Integer.parseInt(sign.substring(1, 3));
        int minutes = Integer.parseInt(sign.substring(3, 5));
        int total = hours * 3600 + minutes * 60;
        return ZoneOffset.ofTotalSeconds(sign.charAt(0) == '-' ? -total : total);
    }

    private static RejectedInput invalid(String location) {
        return RejectedInput.invalid(location + " is not a valid HL7 date/time", location, 102);
    }
}
