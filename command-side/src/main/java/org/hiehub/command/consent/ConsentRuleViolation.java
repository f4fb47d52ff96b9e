package org.hiehub.command.consent;

import java.time.Duration;

/** A consent command that breaks a rule of the consent file; answered 409 with the reason. */
public class ConsentRuleViolation extends RuntimeException {

    private ConsentRuleViolation(String message) {
        super(message);
    }

    static ConsentRuleViolation duplicateDirective(String id) {
        return new ConsentRuleViolation("directive " + id + " is already recorded");
    }

    static ConsentRuleViolation expiresBeforeEffective() {
        return new ConsentRuleViolation("a directive must expire after it takes effect");
    }

    static ConsentRuleViolation noActiveDirective(String id) {
        return new ConsentRuleViolation("no active directive " + id + " to revoke");
    }

    static ConsentRuleViolation emergencyAccessTooLong(Duration longest) {
        return new ConsentRuleViolation("emergency access lasts more than nothing and at most " + longest.toHours()
                + " hours");
    }

    static ConsentRuleViolation noSuchAccess(String id) {
        return new ConsentRuleViolation("no emergency access " + id);
    }

    static ConsentRuleViolation alreadyReviewed(String id) {
        return new ConsentRuleViolation("emergency access " + id + " is already reviewed");
    }
}
