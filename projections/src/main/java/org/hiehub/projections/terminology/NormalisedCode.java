package org.hiehub.projections.terminology;

/**
 * A code after the mapping tables: {@code system} is a canonical URI where the alias is known. {@code mapped}
 * says the code is in a standard system: LOINC for lab tests (sent as LOINC, or a local code the table maps),
 * a known system for other concepts. An unmapped code keeps the source's own system and code, so a later table
 * version can still map it on rebuild.
 */
public record NormalisedCode(String system, String code, String display, boolean mapped, String via) {

    public static final String LOINC = "http://loinc.org";
    public static final String AS_SENT = "as-sent";
    public static final String LOCAL_TABLE = "local-code-table";

    /** What groups observations of the same test: system and code. */
    public String key() {
        return system + "|" + code;
    }

    public boolean isLoinc() {
        return LOINC.equals(system);
    }
}
