package org.hiehub.command.identity;

import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;

/** A command broke an identity invariant; the command API answers 409 with this message. */
public class IdentityRuleViolation extends RuntimeException {

    private IdentityRuleViolation(String message) {
        super(message);
    }

    static IdentityRuleViolation alreadyLinked(SourceRecordId record, MasterPatientId current) {
        return new IdentityRuleViolation("source record " + record + " is already linked to master patient "
                + current + "; unlink it first");
    }

    static IdentityRuleViolation notLinked(SourceRecordId record) {
        return new IdentityRuleViolation("source record " + record + " is not linked to any master patient");
    }

    static IdentityRuleViolation confidenceOutOfRange(int confidence) {
        return new IdentityRuleViolation("link confidence must be 0–100, was " + confidence);
    }
}
