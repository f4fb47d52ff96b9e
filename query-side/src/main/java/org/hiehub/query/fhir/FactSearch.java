package org.hiehub.query.fhir;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.hiehub.projections.timeline.TimelineKeys;
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
        return k -> tokens.stream().anyMatch(t -> !k.code().isEmpty() && TimelineKeys.Key.clean(t[1]).equals(k.code())
                && (t[0] == null || t[0].isEmpty() || TimelineKeys.Key.clean(t[0]).equals(k.codeSystem())));
    }

    private static Predicate<TimelineKeys.Key> byDate(String param) {
        String prefix = param.length() > 2 && Character.isLetter(param.charAt(0)) ? param.substring(0, 2) : "eq";
        DateTimeType value;
        try {
            value = new DateTimeType(prefix.equals("eq") && !param.startsWith("eq") ? param : param.substring(2));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("date is not a FHIR date or dateTime");
        }
        long low = value.getValue().getTime();
        long high = value.getPrecision().add(new Date(low), 1).getTime(); // exclusive end of the given precision
        // an entry's t is the instant of its time (the fact's own, or its message's receipt)
        return switch (prefix) {
            case "eq" -> k -> k.t() >= low && k.t() < high;
            case "ne" -> k -> k.t() < low || k.t() >= high;
            case "lt" -> k -> k.t() < low;
            case "le" -> k -> k.t() < high;
            case "gt" -> k -> k.t() >= high;
            case "ge" -> k -> k.t() >= low;
            default -> throw new IllegalArgumentException("date prefix " + prefix + " is not supported");
        };
    }
}
