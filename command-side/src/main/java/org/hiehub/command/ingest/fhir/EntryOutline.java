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

        /** A Patient entry registering or naming {@code patient}'s record ({@code existing}: one the hub held). */
        static Line patient(String method, SourceIdentity patient, boolean existing) {
            return new Line("Patient", method, patient, true, null, existing, patient);
        }

        /** A clinical resource whose facts went to {@code owner}'s record. */
        static Line clinical(String resourceType, String method, SourceIdentity owner) {
            return new Line(resourceType, method, null, true, null, false, owner);
        }

        /** An entry kept in the raw payload only (a type the hub does not map). */
        static Line unmapped(String resourceType, String method) {
            return new Line(resourceType, method, null, false, null, false, null);
        }

        /** A batch entry refused on its own, the rest of the batch going on. */
        static Line refused(String resourceType, String method, EntryRefusal refusal) {
            return new Line(resourceType, method, null, false, refusal, false, null);
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
