package org.hiehub.query.fhir;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.query.timeline.TimelineQuery;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * FHIR {@code code} (token, comma = or) and {@code date} (prefixed: eq, ne, lt, le, gt, ge) on timeline entries of
 * any type.
 */
final class FactSearch {

    private FactSearch() {
    }

    /**
     * The entries a search's {@code code} and {@code date} parameters let through, decided on their keys: a search
     * of a patient with 150,000 results fetches the page it returns, not every match.
     */
    static Predicate<TimelineKeys.Key> matching(String codes, List<String> dates) {
        Predicate<TimelineKeys.Key> all = byCode(codes);
        for (String date : dates == null ? List.<String>of() : dates) {
            all = all.and(byDate(date));
        }
        return all;
    }

    private static Predicate<TimelineKeys.Key> byCode(String codes) {
        if (codes == null) {
            return k -> true;
        }
        List<String[]> tokens = Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(t -> t.contains("|") ? t.split("\\|", 2) : new String[] {null, t}).toList();
        return k -> !k.code().isEmpty() && tokens.stream().anyMatch(t -> TimelineKeys.Key.clean(t[1]).equals(k.code())
                && (t[0] == null || t[0].isEmpty() || TimelineKeys.Key.clean(t[0]).equals(k.codeSystem())));
    }

    /**
     * The instants every {@code date} parameter lets through together, as a timeline filter's {@code [from, to)}
     * (null: open), so that a page skips the days outside them; {@code ne} narrows nothing.
     */
    static TimelineQuery.Filter span(String entryType, List<String> dates) {
        Long from = null;
        Long to = null;
        for (String date : dates == null ? List.<String>of() : dates) {
            DateParam param = DateParam.parse(date);
            Long low = switch (param.prefix()) {
                case "eq", "ge" -> param.low();
                case "gt" -> param.high();
                default -> null;
            };
            Long high = switch (param.prefix()) {
                case "eq", "le" -> param.high();
                case "lt" -> param.low();
                default -> null;
            };
            if (low != null) {
                from = from == null ? low : Long.valueOf(Math.max(from, low));
            }
            if (high != null) {
                to = to == null ? high : Long.valueOf(Math.min(to, high));
            }
        }
        return new TimelineQuery.Filter(List.of(entryType), null, from == null ? null : Instant.ofEpochMilli(from),
                to == null ? null : Instant.ofEpochMilli(to));
    }

    private static Predicate<TimelineKeys.Key> byDate(String text) {
        DateParam param = DateParam.parse(text);
        long low = param.low();
        long high = param.high();
        // an entry's t is the instant of its time (the fact's own, or its message's receipt)
        return switch (param.prefix()) {
            case "eq" -> k -> k.t() >= low && k.t() < high;
            case "ne" -> k -> k.t() < low || k.t() >= high;
            case "lt" -> k -> k.t() < low;
            case "le" -> k -> k.t() < high;
            case "gt" -> k -> k.t() >= high;
            case "ge" -> k -> k.t() >= low;
            default -> throw new IllegalArgumentException("date prefix " + param.prefix() + " is not supported");
        };
    }

    /** A {@code date} parameter: its prefix and the instants its value covers at its precision, {@code [low, high)}. */
    private record DateParam(String prefix, long low, long high) {

        static DateParam parse(String param) {
            String prefix = param.length() > 2 && Character.isLetter(param.charAt(0)) ? param.substring(0, 2) : "eq";
            DateTimeType value;
            try {
                value = new DateTimeType(prefix.equals("eq") && !param.startsWith("eq") ? param : param.substring(2));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("date is not a FHIR date or dateTime");
            }
            long low = value.getValue().getTime();
            return new DateParam(prefix, low, value.getPrecision().add(new Date(low), 1).getTime());
        }
    }
}
