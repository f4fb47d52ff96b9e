package org.hiehub.query.audit;

import java.time.Instant;

/**
 * One access to patient data.
 *
 * @param action method and path, with the names (never the values) of query parameters
 * @param patients master patient ids, comma-separated (pseudonymous, never names)
 * @param outcome allowed, restricted (some categories withheld), break-the-glass, denied or failed
 * @param returned what came back, as JSON counts per kind, e.g. {@code {"Observation":12}}
 */
public record AuditEntry(long seq, Instant at, String actor, String roles, String organization, String purpose,
                         String action, String patients, String outcome, int httpStatus, String returned,
                         String emergencyAccessId) {

    AuditEntry withAt(Instant instant) {
        return new AuditEntry(seq, instant, actor, roles, organization, purpose, action, patients, outcome,
                httpStatus, returned, emergencyAccessId);
    }
}
