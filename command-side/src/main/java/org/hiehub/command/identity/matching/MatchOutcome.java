package org.hiehub.command.identity.matching;

import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;

/** What a {@link PatientMatcher} decided for one source record. */
public sealed interface MatchOutcome {

    /** Link to an existing master patient. */
    record LinkTo(MasterPatientId masterPatientId, int confidence, LinkMethod method) implements MatchOutcome {
    }

    /** Nobody matched well enough: the record founds a new master patient. */
    record NewPatient(String reason) implements MatchOutcome {
    }
}
