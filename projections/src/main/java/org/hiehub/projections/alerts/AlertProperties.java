package org.hiehub.projections.alerts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What raises an alert ({@code hub.alerts.*}). Left unset, each list takes the built-in defaults below; a change
 * applies to new events, and a rebuild of the {@code alerts} projection re-evaluates the whole log.
 *
 * @param criticalValues    critical (panic) limits per LOINC code, in the unit given
 * @param drugAllergies     allergen codes and the drug codes that conflict with them ({@code system|code}, system
 *                          as a URI or an alias the terminology tables know, e.g. {@code SCT|91936005})
 * @param admissionClasses  encounter classes whose start is an admission (HL7 PV1-2 mapped, FHIR Encounter.class)
 */
@ConfigurationProperties("hub.alerts")
public record AlertProperties(List<CriticalValue> criticalValues, List<DrugAllergy> drugAllergies,
                              Set<String> admissionClasses) {

    public AlertProperties {
        criticalValues = criticalValues == null || criticalValues.isEmpty() ? DEFAULT_CRITICAL_VALUES
                : List.copyOf(criticalValues);
        drugAllergies = drugAllergies == null || drugAllergies.isEmpty() ? DEFAULT_DRUG_ALLERGIES
                : List.copyOf(drugAllergies);
        admissionClasses = admissionClasses == null || admissionClasses.isEmpty() ? DEFAULT_ADMISSION_CLASSES
                : Set.copyOf(admissionClasses);
    }

    public static AlertProperties defaults() {
        return new AlertProperties(null, null, null);
    }

    /** A critical limit: a value below {@code below} or above {@code above} (either may be null) is critical. */
    public record CriticalValue(String loinc, String name, BigDecimal below, BigDecimal above, String unit) {
    }

    /** An allergen ({@code system|code}) and the drugs ({@code system|code}) a patient allergic to it must not get. */
    public record DrugAllergy(String name, List<String> allergens, List<String> drugs) {

        public DrugAllergy {
            allergens = allergens == null ? List.of() : List.copyOf(allergens);
            drugs = drugs == null ? List.of() : List.copyOf(drugs);
        }
    }

    /*
     * Critical limits as common hospital "critical call" lists set them (e.g. the lists surveyed by the CAP Q-Probes
     * study of critical values, Wagar et al., Arch Pathol Lab Med 2007): potassium < 2.5 or > 6.0 mmol/L, glucose
     * < 50 or > 500 mg/dL, sodium < 120 or > 160 mmol/L, hemoglobin < 7 g/dL, platelets < 20 x10^3/uL, INR > 5.
     * Limits are compared in the table's unit; the terminology's unit table converts (e.g. glucose mg/dL <-> mmol/L).
     */
    static final List<CriticalValue> DEFAULT_CRITICAL_VALUES = List.of(
            new CriticalValue("2823-3", "Potassium", new BigDecimal("2.5"), new BigDecimal("6.0"), "mmol/L"),
            new CriticalValue("6298-4", "Potassium", new BigDecimal("2.5"), new BigDecimal("6.0"), "mmol/L"),
            new CriticalValue("2345-7", "Glucose", new BigDecimal("50"), new BigDecimal("500"), "mg/dL"),
            new CriticalValue("2339-0", "Glucose", new BigDecimal("50"), new BigDecimal("500"), "mg/dL"),
            new CriticalValue("2951-2", "Sodium", new BigDecimal("120"), new BigDecimal("160"), "mmol/L"),
            new CriticalValue("2947-0", "Sodium", new BigDecimal("120"), new BigDecimal("160"), "mmol/L"),
            new CriticalValue("718-7", "Hemoglobin", new BigDecimal("7"), null, "g/dL"),
            new CriticalValue("777-3", "Platelets", new BigDecimal("20"), null, "10*3/uL"),
            new CriticalValue("6301-6", "INR", null, new BigDecimal("5"), "{INR}"));

    /*
     * Drug–allergy pairs whose codes are unambiguous: SNOMED CT allergy/substance codes against RxNorm ingredients
     * and the clinical drugs (SCD) seen in the Synthea corpus (amoxicillin, amoxicillin-clavulanate, penicillin V).
     * Beta-lactam cross-reactivity beyond penicillins (cephalosporins) is deliberately not listed: it is a clinical
     * judgement, not a code match.
     */
    static final List<DrugAllergy> DEFAULT_DRUG_ALLERGIES = List.of(
            new DrugAllergy("Penicillins",
                    List.of("SCT|91936005", "SCT|764146007", "SCT|373270004", "RXNORM|70618", "RXNORM|7980"),
                    List.of("RXNORM|723", "RXNORM|733", "RXNORM|7980", "RXNORM|7984", "RXNORM|70618",
                            "RXNORM|308182", "RXNORM|308192", "RXNORM|562251", "RXNORM|834061",
                            "RXNORM|834102")),
            new DrugAllergy("Aspirin",
                    List.of("SCT|293586001", "SCT|387458008", "RXNORM|1191"),
                    List.of("RXNORM|1191", "RXNORM|243670")));

    /** FHIR v3 ActCode IMP/ACUTE/NONAC, HL7 v2 PV1-2 "I" as the ingestion maps it ("inpatient"). */
    static final Set<String> DEFAULT_ADMISSION_CLASSES = Set.of("inpatient", "IMP", "ACUTE", "NONAC", "I");
}
