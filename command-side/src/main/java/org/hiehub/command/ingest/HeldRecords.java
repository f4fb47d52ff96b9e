package org.hiehub.command.ingest;

import java.util.List;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.command.identity.index.BlockingKeys;
import org.hiehub.command.identity.index.IdentityIndex;
import org.hiehub.command.identity.registration.PatientRegistration;
import org.springframework.stereotype.Component;

/**
 * Records the hub already holds, found by the identifiers a later message names a patient by: a FHIR conditional
 * reference ({@code Patient?identifier=system|value}) or a logical one ({@code Reference.identifier}) to a patient
 * the sender sent in an earlier message. A source's record is keyed by the sender and its own id for the patient
 * (the MR identifier, see the FHIR {@code SourceIdentity}), so one of the identifiers must be that id; every
 * identifier that names a system must also be one of the record's (checked as its identifier keys in the identity
 * index, keyed hashes). Nothing wider is searched: an SSN or another sender's MRN names a person, not this sender's
 * record, and which record it means is the MPI's question, not a reference's.
 */
@Component
public class HeldRecords {

    private final PatientRegistration registration;
    private final IdentityIndex index;
    private final BlockingKeys blockingKeys;

    public HeldRecords(PatientRegistration registration, IdentityIndex index, BlockingKeys blockingKeys) {
        this.registration = registration;
        this.index = index;
        this.blockingKeys = blockingKeys;
    }

    /**
     * Whether the hub holds the record {@code authority} keys by {@code localId} (or its successor after an
     * erasure), filed under each of {@code identifiers} (system and value; identifiers without a system are not
     * checked, the index knows none).
     */
    public boolean holds(String authority, String localId, List<PatientIdentifier> identifiers) {
        return registration.knownInTransaction(authority, localId, null)
                .map(known -> index.filedUnderAll(known.registration().sourceRecordId(), blockingKeys.of(
                        new Demographics(List.of(), null, null, identifiers, List.of(), List.of(), null, null))))
                .orElse(false);
    }
}
