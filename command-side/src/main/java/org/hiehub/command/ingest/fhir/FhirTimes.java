package org.hiehub.command.ingest.fhir;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import org.hiehub.api.clinical.ClinicalTime;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR date, dateTime and instant values to {@link ClinicalTime}, keeping the string as sent and its precision.
 * HAPI has already refused impossible dates (it throws even in lenient mode), so the string is well formed here.
 * The parse is done with java.time on the string rather than through HAPI's {@code Date}, which would silently
 * apply the JVM's default time zone to a dateTime sent without an offset; such a value gets no instant.
 */
final class FhirTimes {

    private static final Pattern NANOSECONDS = Pattern.compile("(\\.\\d{9})\\d+");

    private FhirTimes() {
    }

    static ClinicalTime time(BaseDateTimeType value) {
        if (value == null || value.isEmpty() || value.getValueAsString() == null) {
            return null;
        }
        String sent = value.getValueAsString();
        if (sent.length() <= 10) {
            return dateOnly(sent);
        }
        // FHIR allows a leap second (23:59:60) and any number of fraction digits, java.time neither: a leap
        // second is read as :59 plus one second, a fraction to the nanosecond
        boolean leapSecond = sent.length() >= 19 && sent.startsWith("60", 17);
        String readable = NANOSECONDS.matcher(leapSecond ? sent.substring(0, 17) + "59" + sent.substring(19) : sent)
                .replaceFirst("$1");
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(readable, OffsetDateTime::from,
                LocalDateTime::from);
        LocalDate date = LocalDate.parse(sent.substring(0, 10));
        String time = sent.substring(11);
        String precision = time.contains(".") ? "millisecond" : time.length() >= 8 && time.charAt(5) == ':'
                ? "second" : "minute";
        return parsed instanceof OffsetDateTime at
                ? new ClinicalTime(sent, at.toInstant().plusSeconds(leapSecond ? 1 : 0), date, precision)
                : new ClinicalTime(sent, null, date, precision);
    }

    /**
     * A dateTime choice ([x]) that may also be a Period (its start), a string ("spring 2019": kept as sent, with no
     * date or instant, precision "text") or another type (not a point in time).
     */
    static ClinicalTime time(Type choice) {
        if (choice instanceof BaseDateTimeType dateTime) {
            return time(dateTime);
        }
        if (choice instanceof Period period && period.hasStart()) {
            return time(period.getStartElement());
        }
        if (choice instanceof StringType text && text.hasValue() && !text.getValue().isBlank()) {
            return new ClinicalTime(text.getValue(), null, null, "text");
        }
        return null;
    }

    static ClinicalTime end(Type choice) {
        return choice instanceof Period period && period.hasEnd() ? time(period.getEndElement()) : null;
    }

    /** Year and month precision keep the first day as their calendar date; the precision says how much was sent. */
    private static ClinicalTime dateOnly(String sent) {
        return switch (sent.length()) {
            case 4 -> new ClinicalTime(sent, null, LocalDate.of(Integer.parseInt(sent), 1, 1), "year");
            case 7 -> new ClinicalTime(sent, null, LocalDate.parse(sent + "-01"), "month");
            default -> new ClinicalTime(sent, null, LocalDate.parse(sent), "day");
        };
    }

    /** A full calendar date (day precision) or null: a birth date of "1974" must not become 1 January 1974. */
    static LocalDate fullDate(BaseDateTimeType value) {
        ClinicalTime time = time(value);
        boolean partial = time == null || "year".equals(time.precision()) || "month".equals(time.precision());
        return partial ? null : time.date();
    }
}
