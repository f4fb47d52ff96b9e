package org.hiehub.replay.history;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.PatientsMerged;

/**
 * Which streams belong to a master patient's history: the patient itself, every master patient merged into it
 * (transitively), and every source record that was ever linked to one of those — also one later unlinked, since
 * its events were part of the patient's record while it was linked. Built from the identity events alone.
 */
final class PatientMembership {

    private final Map<String, Set<String>> recordsLinkedTo = new HashMap<>();
    private final Map<String, Set<String>> retiredInto = new HashMap<>();

    /** True for the only event types that change membership: only these need their payload read. */
    static boolean concerns(Class<?> payloadType) {
        return payloadType == IdentifierLinked.class || payloadType == PatientsMerged.class;
    }

    void observe(EventMessage<?> event) {
        if (event.getPayload() instanceof IdentifierLinked linked) {
            recordsLinkedTo.computeIfAbsent(linked.masterPatientId().value(), k -> new HashSet<>())
                    .add(linked.sourceRecordId().value());
        } else if (event.getPayload() instanceof PatientsMerged merged) {
            retiredInto.computeIfAbsent(merged.survivor().value(), k -> new HashSet<>()).add(merged.retired().value());
        }
    }

    Members of(String masterPatientId) {
        Set<String> patients = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(masterPatientId);
        while (!pending.isEmpty()) {
            String patient = pending.pop();
            if (patients.add(patient)) {
                pending.addAll(retiredInto.getOrDefault(patient, Set.of()));
            }
        }
        Set<String> records = new HashSet<>();
        patients.forEach(p -> records.addAll(recordsLinkedTo.getOrDefault(p, Set.of())));
        return new Members(Set.copyOf(patients), Set.copyOf(records));
    }

    /** The master patient ids (the asked one and those merged into it) and the source record ids. */
    record Members(Set<String> patients, Set<String> records) {

        boolean ownsStream(String aggregateId) {
            return patients.contains(aggregateId) || records.contains(aggregateId);
        }
    }
}
