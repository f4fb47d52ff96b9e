package org.hiehub.query.access;

import org.springframework.stereotype.Component;

/**
 * The gate every patient read passes: decides what the caller may see of a patient, notes it for the access
 * audit, and refuses outright when consent hides the patient. Readers then drop facts the decision hides before
 * they count or page, so totals never betray what is withheld.
 */
@Component
public class PatientAccess {

    private final ConsentPolicy policy;

    public PatientAccess(ConsentPolicy policy) {
        this.policy = policy;
    }

    /** The decision for reading this patient; throws {@link ConsentDenied} when the caller may see nothing. */
    public AccessDecision require(String masterPatientId) {
        AccessRecord record = AccessRecord.current();
        AccessDecision decision = record.decisionFor(masterPatientId);
        if (decision == null) {
            decision = policy.decide(Caller.current(), masterPatientId);
            record.decided(decision);
        }
        if (decision.denied()) {
            throw new ConsentDenied(masterPatientId);
        }
        return decision;
    }

    /**
     * Whether a patient may appear in a result list (searches, worklists, feeds). Only patients that do appear are
     * noted for the audit: a hidden patient was not disclosed.
     */
    public AccessDecision listed(String masterPatientId) {
        AccessDecision decision = policy.decide(Caller.current(), masterPatientId);
        if (!decision.denied()) {
            AccessRecord.current().decided(decision);
        }
        return decision;
    }

    /** The patient's consent does not let this caller see their data (break-the-glass is the way in). */
    public static class ConsentDenied extends RuntimeException {
        public ConsentDenied(String masterPatientId) {
            super("the patient's consent does not allow this access to " + masterPatientId
                    + "; in an emergency, POST /api/break-glass states the reason and opens it for a limited time");
        }
    }
}
