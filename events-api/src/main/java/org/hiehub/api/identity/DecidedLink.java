package org.hiehub.api.identity;

/**
 * Where the MPI linked a source record and why: the master patient, the link's 0–100 confidence and method, and
 * the decision behind it, which {@link MatchEvaluated} records beside the {@link IdentifierLinked}. A link of method
 * {@link LinkMethod#NEW_PATIENT} names a master patient that does not exist yet: the record's command founds it
 * ({@link PatientCreated} first), so a new person costs one command, not two.
 */
public record DecidedLink(MasterPatientId masterPatientId, int confidence, LinkMethod method,
                          MatchDecision decision) {

    /** The record founds the master patient it is linked to. */
    public boolean foundsPatient() {
        return method == LinkMethod.NEW_PATIENT;
    }
}
