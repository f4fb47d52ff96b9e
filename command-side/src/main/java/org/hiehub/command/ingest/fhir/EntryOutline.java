package org.hiehub.command.ingest.fhir;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a FHIR response needs to know of a parsed message: one line per entry or NDJSON line, in order, and which
 * source record each Patient became. Kept apart from the facts so the REST layer never re-parses the payload.
 */
record EntryOutline(String bundleType, List<Line> lines, List<SourceIdentity> earlierPatients) {

    /** {@code earlierPatients}: records of earlier messages that lines of this one add facts to (NDJSON). */
    EntryOutline {
        lines = List.copyOf(lines);
        earlierPatients = earlierPatients == null ? List.of() : List.copyOf(earlierPatients);
    }

    /**
     * {@code mapped}: became facts or a patient registration; otherwise kept in the raw payload only.
     * {@code refusal}: the entry of a batch that asked for what the endpoint does not do, or null.
     * {@code existing}: the entry names a patient the hub holds (a conditional create that found it, an update).
     * {@code owner}: the record the entry's facts went to (a Patient's own record, a clinical resource's subject's),
     * or null when it became none.
     */
    record Line(String resourceType, String method, SourceIdentity patient, boolean mapped, EntryRefusal refusal,
                boolean existing, SourceIdentity owner) {

        Line(String resourceType, String method, SourceIdentity patient, boolean mapped) {
            this(resourceType, method, patient, mapped, null, false, patient);
        }

        Line(String resourceType, String method, SourceIdentity patient, boolean mapped, EntryRefusal refusal) {
            this(resourceType, method, patient, mapped, refusal, false, patient);
        }

        Line(String resourceType, String method, SourceIdentity patient, boolean mapped, EntryRefusal refusal,
             boolean existing) {
            this(resourceType, method, patient, mapped, refusal, existing, patient);
        }

        /** A clinical resource whose facts went to {@code owner}'s record. */
        static Line clinical(String resourceType, String method, SourceIdentity owner) {
            return new Line(resourceType, method, null, true, null, false, owner);
        }
    }

    /** Per type (or "DELETE request"), how many entries were kept in the raw payload only. */
    Map<String, Long> unmapped() {
        return lines.stream().filter(l -> !l.mapped()).collect(Collectors.groupingBy(
                l -> l.refusal() == null && l.resourceType() != null ? l.resourceType() : l.method() + " request",
                TreeMap::new,
                Collectors.counting()));
    }

    List<String> unmappedNotes() {
        return unmapped().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()
                + (e.getKey().endsWith(" request") ? " not applied (append-only record), kept in the raw payload"
                : " kept in the raw payload, not mapped")).toList();
    }

    long resourceCount() {
        return lines.stream().filter(l -> l.resourceType() != null).count();
    }
}
