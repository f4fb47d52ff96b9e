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

    static IdentityRuleViolation pairRejected(SourceRecordId record, MasterPatientId patient) {
        return new IdentityRuleViolation("a steward rejected linking source record " + record
                + " to master patient " + patient + "; only a steward can link them");
    }

    static IdentityRuleViolation alreadyMerged(MasterPatientId patient, MasterPatientId survivor) {
        return new IdentityRuleViolation("master patient " + patient + " was already merged into " + survivor);
    }

    static IdentityRuleViolation mergeIntoItself(MasterPatientId patient) {
        return new IdentityRuleViolation("master patient " + patient + " cannot be merged into itself");
    }

    static IdentityRuleViolation erased(MasterPatientId patient) {
        return new IdentityRuleViolation("master patient " + patient + " was erased");
    }

    /** For services that check a rule spanning aggregates (e.g. merging into a retired patient). */
    public static IdentityRuleViolation of(String message) {
        return new IdentityRuleViolation(message);
    }
}
