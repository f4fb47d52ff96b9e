package org.hiehub.projections.alerts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.projections.terminology.CanonicalValue;
import org.hiehub.projections.terminology.NormalisedCode;
import org.hiehub.projections.terminology.Terminology;

/**
 * Decides whether a result is critical: against the configured limits for its LOINC code, compared in one unit
 * (the limit is converted with the same unit table as the value, so 50 mg/dL glucose meets a result sent in
 * mmol/L); without a limit for the code, a source's own panic flag (HL7 table 0078 HH, LL, AA) counts.
 */
final class CriticalValues {

    private static final Set<String> PANIC_FLAGS = Set.of("HH", "LL", "AA", "HU", "LU");
    private final List<AlertProperties.CriticalValue> limits;
    private final Terminology terminology;

    CriticalValues(List<AlertProperties.CriticalValue> limits, Terminology terminology) {
        this.limits = limits;
        this.terminology = terminology;
    }

    /** Why a result is critical, if it is. */
    record Finding(String rule, String direction, BigDecimal limit, String limitUnit, String name) {
    }

    Optional<Finding> check(NormalisedCode code, Measurement quantity, String abnormalFlag) {
        if (code != null && code.isLoinc() && quantity != null && quantity.value() != null) {
            for (AlertProperties.CriticalValue limit : limits) {
                if (limit.loinc().equals(code.code())) {
                    Optional<Finding> found = against(limit, code.code(), quantity);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        if (abnormalFlag != null && PANIC_FLAGS.contains(abnormalFlag.trim().toUpperCase(Locale.ROOT))) {
            return Optional.of(new Finding("source-flag", abnormalFlag.trim().toUpperCase(Locale.ROOT), null, null,
                    code == null ? null : code.display()));
        }
        return Optional.empty();
    }

    private Optional<Finding> against(AlertProperties.CriticalValue limit, String loinc, Measurement quantity) {
        CanonicalValue value = terminology.toCanonical(loinc, quantity);
        String comparator = quantity.comparator() == null ? "" : quantity.comparator().trim();
        // "<0.1" says nothing about exceeding an upper limit, ">400" nothing about a lower one
        if (limit.above() != null && !comparator.startsWith("<")
                && exceeds(value, limit, loinc, limit.above()) > 0) {
            return Optional.of(new Finding("critical-value", "above", limit.above(), limit.unit(), limit.name()));
        }
        if (limit.below() != null && !comparator.startsWith(">")
                && exceeds(value, limit, loinc, limit.below()) < 0) {
            return Optional.of(new Finding("critical-value", "below", limit.below(), limit.unit(), limit.name()));
        }
        return Optional.empty();
    }

    /** Compares value and limit once both are in the same unit; 0 (not critical) when they cannot be. */
    private int exceeds(CanonicalValue value, AlertProperties.CriticalValue limit, String loinc, BigDecimal bound) {
        CanonicalValue threshold = terminology.toCanonical(loinc,
                new Measurement(bound.toPlainString(), bound, null, limit.unit(), null, null));
        if (value == null || value.value() == null || threshold == null || !sameUnit(value.unit(), threshold.unit())) {
            return 0;
        }
        return value.value().compareTo(threshold.value());
    }

    private static boolean sameUnit(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }
}
