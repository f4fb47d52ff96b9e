package org.hiehub.query.research;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

/**
 * The HIPAA Safe Harbor rules (45 CFR 164.514(b)(2)) for the few identifying fields a research export keeps in a
 * coarsened form. Everything else of the 18 identifiers is simply never copied into the export.
 */
final class SafeHarbor {

    /**
     * Three-digit ZIP areas with 20,000 people or fewer (2000 Census, as listed by HHS's de-identification guidance):
     * they must be reported as 000.
     */
    static final Set<String> RESTRICTED_ZIP3 = Set.of("036", "059", "063", "102", "203", "556", "692", "790", "821",
            "823", "830", "831", "878", "879", "884", "890", "893");
    /** Ages over 89 are aggregated into one category, and the birth year is withheld for them. */
    static final int OLDEST_REPORTED_AGE = 89;

    private SafeHarbor() {
    }

    /** The first three digits of a US ZIP code, 000 for a restricted area, null when there is no US ZIP. */
    static String zip3(String postalCode, String country) {
        if (postalCode == null || (country != null && !country.isBlank() && !isUs(country))) {
            return null;
        }
        String digits = postalCode.trim();
        if (!digits.matches("\\d{5}(-?\\d{4})?")) {
            return null;
        }
        String zip3 = digits.substring(0, 3);
        return RESTRICTED_ZIP3.contains(zip3) ? "000" : zip3;
    }

    static Integer age(LocalDate birthDate, LocalDate asOf) {
        return birthDate == null ? null : Period.between(birthDate, asOf).getYears();
    }

    /** Five-year bands ("40-44"), and "90+" for everyone over 89. */
    static String ageBand(Integer age) {
        if (age == null || age < 0) {
            return null;
        }
        if (age > OLDEST_REPORTED_AGE) {
            return "90+";
        }
        int low = age / 5 * 5;
        return low + "-" + (low + 4);
    }

    /** The year of birth, withheld for people over 89 (it would single them out). */
    static Integer birthYear(LocalDate birthDate, Integer age) {
        return birthDate == null || age == null || age > OLDEST_REPORTED_AGE ? null : birthDate.getYear();
    }

    /** Administrative sex as a closed code list; anything else is "unknown" (free text could identify). */
    static String sex(String administrativeSex) {
        if (administrativeSex == null) {
            return "unknown";
        }
        return switch (administrativeSex.trim().toUpperCase()) {
            case "F", "FEMALE" -> "female";
            case "M", "MALE" -> "male";
            case "O", "OTHER", "A" -> "other";
            default -> "unknown";
        };
    }

    private static boolean isUs(String country) {
        String c = country.trim().toUpperCase();
        return c.equals("US") || c.equals("USA") || c.equals("UNITED STATES");
    }
}
