package org.hiehub.command.ingest.hl7v2;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.command.ingest.RejectedInput;

/**
 * HL7 v2 TS/DTM values ({@code YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]}) as a {@link ClinicalTime} that keeps the
 * string as sent and how precise it was. An impossible date (20230231) refuses the message naming the field, so
 * the sender learns which value to fix; it is never guessed into a neighbouring day. A time without an offset is
 * read as UTC (the standard leaves it to site agreement); the original string stays in {@code asSent} so a
 * projection can reinterpret it.
 */
public final class Hl7Dates {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");
    /** Some senders put ISO dates in HL7 fields; read them rather than refuse an otherwise good message. */
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private Hl7Dates() {
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
        if (!m.matches() || (m.group(2) == null && m.group(3) != null)) {
            throw invalid(location);
        }
        try {
            return parsed(sent, m);
        } catch (DateTimeException e) {
            throw invalid(location);
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
        ZoneOffset offset = m.group(8) == null ? ZoneOffset.UTC : offset(m.group(8));
        String precision = m.group(7) != null ? "millisecond" : m.group(6) != null ? "second"
                : m.group(5) != null ? "minute" : "hour";
        return new ClinicalTime(sent, local.toInstant(offset), date, precision);
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
