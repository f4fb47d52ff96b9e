package org.hiehub.query.fhir;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
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
     * The entries a search's {@code code} and {@code date} parameters let through; {@link TimelineQuery#EVERY_ENTRY}
     * when neither is given, so that the search counts its matches without fetching them.
     */
    static Predicate<Document> matching(String codes, List<String> dates) {
        Predicate<Document> byCode = byCode(codes);
        Predicate<Document> byDate = byDate(dates);
        return byCode == TimelineQuery.EVERY_ENTRY ? byDate
                : byDate == TimelineQuery.EVERY_ENTRY ? byCode : byCode.and(byDate);
    }

    static Predicate<Document> byCode(String codes) {
        if (codes == null) {
            return TimelineQuery.EVERY_ENTRY;
        }
        List<String[]> tokens = Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(t -> t.contains("|") ? t.split("\\|", 2) : new String[] {null, t}).toList();
        return e -> {
            Document code = e.get("code", Document.class);
            return code != null && tokens.stream().anyMatch(t -> t[1].equals(code.getString("code"))
                    && (t[0] == null || t[0].isEmpty() || t[0].equals(code.getString("system"))));
        };
    }

    static Predicate<Document> byDate(List<String> dates) {
        Predicate<Document> all = TimelineQuery.EVERY_ENTRY;
        for (String date : dates == null ? List.<String>of() : dates) {
            all = all == TimelineQuery.EVERY_ENTRY ? byDate(date) : all.and(byDate(date));
        }
        return all;
    }

    private static Predicate<Document> byDate(String param) {
        String prefix = param.length() > 2 && Character.isLetter(param.charAt(0)) ? param.substring(0, 2) : "eq";
        DateTimeType value;
        try {
            value = new DateTimeType(prefix.equals("eq") && !param.startsWith("eq") ? param : param.substring(2));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("date is not a FHIR date or dateTime");
        }
        long low = value.getValue().getTime();
        long high = value.getPrecision().add(new Date(low), 1).getTime(); // exclusive end of the given precision
        Predicate<Long> matches = switch (prefix) {
            case "eq" -> t -> t >= low && t < high;
            case "ne" -> t -> t < low || t >= high;
            case "lt" -> t -> t < low;
            case "le" -> t -> t < high;
            case "gt" -> t -> t >= high;
            case "ge" -> t -> t >= low;
            default -> throw new IllegalArgumentException("date prefix " + prefix + " is not supported");
        };
        return e -> e.getString("time") != null && matches.test(new DateTimeType(e.getString("time")).getValue()
                .getTime());
    }
}
