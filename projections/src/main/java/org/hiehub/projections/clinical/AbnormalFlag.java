package org.hiehub.projections.clinical;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a result is abnormal: the source's own flag wins (HL7 table 0078 / FHIR ObservationInterpretation:
 * H, L, HH, LL, A, AA, …; N is normal); without one, the value is checked against a "low-high" reference range
 * as sent (same units as the value as sent). Unknown (null) when neither says.
 */
final class AbnormalFlag {

    private static final Set<String> ABNORMAL = Set.of("H", "HH", "HU", "L", "LL", "LU", "A", "AA", ">", "<",
            "POS", "DET", "CRITICAL");
    private static final Set<String> NORMAL = Set.of("N", "NEG", "ND", "NORMAL");
    private static final Pattern RANGE = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s*-\\s*(-?\\d+(?:\\.\\d+)?)");

    private AbnormalFlag() {
    }

    static Boolean of(String flagAsSent, String referenceRange, BigDecimal valueAsSent) {
        if (flagAsSent != null && !flagAsSent.isBlank()) {
            String flag = flagAsSent.trim().toUpperCase(Locale.ROOT);
            if (ABNORMAL.contains(flag)) {
                return true;
            }
            if (NORMAL.contains(flag)) {
                return false;
            }
        }
        if (referenceRange == null || valueAsSent == null) {
            return null;
        }
        Matcher range = RANGE.matcher(referenceRange);
        if (!range.find()) {
            return null;
        }
        return valueAsSent.compareTo(new BigDecimal(range.group(1))) < 0
                || valueAsSent.compareTo(new BigDecimal(range.group(2))) > 0;
    }
}
