package org.hiehub.replay.history;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an auditor asks for: one master patient's events, optionally only those stamped within [from, to] and of
 * the named event types (simple names such as {@code ObservationRecorded}, any case).
 */
public record HistoryQuery(String masterPatientId, Instant from, Instant to, Set<String> types) {

    public HistoryQuery {
        if (masterPatientId == null || masterPatientId.isBlank()) {
            throw new IllegalArgumentException("a master patient id is required");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("'to' is before 'from'");
        }
        types = types == null ? Set.of() : types.stream().filter(t -> t != null && !t.isBlank())
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static HistoryQuery of(String masterPatientId) {
        return new HistoryQuery(masterPatientId, null, null, Set.of());
    }

    boolean within(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to));
    }

    boolean ofType(Class<?> payloadType) {
        return types.isEmpty() || types.contains(payloadType.getSimpleName().toLowerCase(Locale.ROOT));
    }
}
