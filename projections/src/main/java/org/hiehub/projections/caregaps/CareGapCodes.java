package org.hiehub.projections.caregaps;

import java.util.Set;
import org.hiehub.projections.terminology.NormalisedCode;

/**
 * The value sets the rules use (subsets of the published ones, enough for HL7 and Synthea feeds). A code counts
 * only in its canonical system, after the terminology tables normalised it.
 */
final class CareGapCodes {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";

    /** Diabetes mellitus: SNOMED 73211009 and its type 1/type 2 children; ICD-10 E10–E11. */
    private static final Set<String> DIABETES_SNOMED = Set.of("73211009", "44054006", "46635009");
    /** Hypertension: SNOMED 38341003 (hypertensive disorder), 59621000 (essential); ICD-10 I10. */
    private static final Set<String> HYPERTENSION_SNOMED = Set.of("38341003", "59621000");
    static final Set<String> HBA1C = Set.of("4548-4", "17856-6", "4549-2");
    /** BP panel and systolic/diastolic. */
    static final Set<String> BLOOD_PRESSURE = Set.of("85354-9", "55284-4", "8480-6", "8462-4");
    /** gFOBT and FIT results (good for one year). */
    static final Set<String> STOOL_TEST = Set.of("2335-8", "27396-1", "27401-9", "27925-7", "27926-5",
            "29771-3", "56490-6", "56491-4", "57905-2", "12503-9", "12504-7", "14563-1", "14564-9", "14565-6");
    /** Multitarget stool DNA (FIT-DNA, good for three years). */
    static final Set<String> STOOL_DNA = Set.of("77353-1", "77354-9");
    /** CVX influenza vaccines (seasonal, all formulations). */
    private static final Set<String> INFLUENZA_CVX = Set.of("88", "111", "135", "140", "141", "144", "149", "150",
            "151", "153", "155", "158", "161", "166", "168", "171", "185", "186", "197", "200", "201", "202",
            "205", "231", "320");

    private CareGapCodes() {
    }

    static boolean diabetes(NormalisedCode code) {
        return code != null && (in(code, SNOMED, DIABETES_SNOMED) || icd10(code, "E10") || icd10(code, "E11"));
    }

    static boolean hypertension(NormalisedCode code) {
        return code != null && (in(code, SNOMED, HYPERTENSION_SNOMED) || icd10(code, "I10"));
    }

    static boolean influenzaVaccine(NormalisedCode code) {
        return code != null && in(code, CVX, INFLUENZA_CVX);
    }

    static boolean loinc(NormalisedCode code, Set<String> codes) {
        return code != null && code.isLoinc() && codes.contains(code.code());
    }

    private static boolean in(NormalisedCode code, String system, Set<String> codes) {
        return system.equals(code.system()) && codes.contains(code.code());
    }

    private static boolean icd10(NormalisedCode code, String category) {
        return (ICD10.equals(code.system()) || ICD10CM.equals(code.system())) && code.code() != null
                && code.code().startsWith(category);
    }
}
