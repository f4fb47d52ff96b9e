package org.hiehub.query.access;

import java.util.Set;
import org.bson.Document;

/**
 * What one caller may see of one patient now.
 *
 * @param hiddenCategories sensitive categories withheld (facts in them are absent, not masked)
 * @param emergencyAccessId the break-the-glass access in force, if that is what lets the caller in
 */
public record AccessDecision(String masterPatientId, Outcome outcome, Set<String> hiddenCategories,
                             String emergencyAccessId, SensitiveCodes codes) {

    public enum Outcome {
        ALLOWED, RESTRICTED, BREAK_THE_GLASS, DENIED;

        public String auditName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public boolean denied() {
        return outcome == Outcome.DENIED;
    }

    /** Whether a fact (a read-model document with a {@code code}) may be shown. */
    public boolean visible(Document fact) {
        if (hiddenCategories.isEmpty()) {
            return true;
        }
        return codes.categoriesOf(fact).stream().noneMatch(hiddenCategories::contains);
    }

    public boolean visible(String system, String code) {
        return hiddenCategories.isEmpty()
                || codes.categoriesOf(system, code).stream().noneMatch(hiddenCategories::contains);
    }
}
