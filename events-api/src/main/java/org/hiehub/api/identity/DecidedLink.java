package org.hiehub.api.identity;

/**
 * Where the MPI linked a source record and why: the master patient, the link's 0–100 confidence and method, and
 * the decision behind it, which {@link MatchEvaluated} records beside the {@link IdentifierLinked}.
 */
public record DecidedLink(MasterPatientId masterPatientId, int confidence, LinkMethod method,
                          MatchDecision decision) {
}
