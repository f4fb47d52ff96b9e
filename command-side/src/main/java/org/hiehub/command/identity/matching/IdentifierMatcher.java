package org.hiehub.command.identity.matching;

import java.util.List;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.index.BlockingKeys;
import org.hiehub.command.identity.index.IdentityIndex;
import org.springframework.stereotype.Component;

/**
 * Deterministic matching: a record sharing an identifier with records of exactly one master patient joins it.
 * When its identifiers point at several master patients, linking to any of them could merge two people's
 * records, so it founds a new master patient instead.
 */
@Component
public class IdentifierMatcher implements PatientMatcher {

    private final IdentityIndex index;
    private final BlockingKeys blockingKeys;

    public IdentifierMatcher(IdentityIndex index, BlockingKeys blockingKeys) {
        this.index = index;
        this.blockingKeys = blockingKeys;
    }

    @Override
    public MatchOutcome match(SourceRecordId record, Demographics demographics) {
        List<MasterPatientId> candidates =
                index.masterPatientsSharing(blockingKeys.identifierKeys(demographics), record);
        if (candidates.size() == 1) {
            return new MatchOutcome.LinkTo(candidates.get(0), 100, LinkMethod.IDENTIFIER);
        }
        return new MatchOutcome.NewPatient(candidates.isEmpty()
                ? "no record shares an identifier"
                : "identifiers point at " + candidates.size() + " master patients");
    }
}
