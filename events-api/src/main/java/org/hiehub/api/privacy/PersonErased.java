package org.hiehub.api.privacy;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;

/**
 * A person was erased: their per-record keys were destroyed (so every @PersonalData field of their events reads
 * as null from now on) and every read model must forget them. Holds no personal data itself: only pseudonymous
 * ids, the legal basis code and who asked, so it can stay in the immutable log as the proof of erasure. Because it
 * is appended after all of the person's facts, a replay re-applies the erasure after them and a rebuilt view ends
 * without the person.
 *
 * @param retiredMasterPatientIds master patients a steward merged into this one earlier (their ids still resolve)
 * @param sourceRecordIds every source record (data subject) linked to the person when erased
 */
@Revision("1")
public record PersonErased(MasterPatientId masterPatientId, List<MasterPatientId> retiredMasterPatientIds,
                           List<SourceRecordId> sourceRecordIds, String legalBasis, String requestReference,
                           String requestedBy, Instant requestedAt) {

    public PersonErased {
        retiredMasterPatientIds = retiredMasterPatientIds == null ? List.of() : List.copyOf(retiredMasterPatientIds);
        sourceRecordIds = sourceRecordIds == null ? List.of() : List.copyOf(sourceRecordIds);
    }

    /** The master patient ids under which read models may hold the person: this one and the retired ones. */
    public List<String> allMasterPatientIds() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(masterPatientId), retiredMasterPatientIds
                .stream()).map(MasterPatientId::value).toList();
    }

    public List<String> sourceRecordIdValues() {
        return sourceRecordIds.stream().map(SourceRecordId::value).toList();
    }
}
