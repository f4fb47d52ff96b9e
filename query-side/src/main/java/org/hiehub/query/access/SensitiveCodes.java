package org.hiehub.query.access;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Which sensitive categories a coded fact falls in (mental health, substance use, sexual health, …), from the
 * configured code lists. Code systems are recognised by their FHIR URI or their HL7 v2 table 0396 name, so a
 * fact from either feed classifies the same way.
 */
public final class SensitiveCodes {

    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("http://hl7.org/fhir/sid/icd-10", "icd10"), Map.entry("http://hl7.org/fhir/sid/icd-10-cm", "icd10"),
            Map.entry("i10", "icd10"), Map.entry("icd10", "icd10"), Map.entry("icd-10", "icd10"),
            Map.entry("icd10cm", "icd10"), Map.entry("i10c", "icd10"),
            Map.entry("http://snomed.info/sct", "snomed"), Map.entry("sct", "snomed"), Map.entry("sno", "snomed"),
            Map.entry("snomed", "snomed"), Map.entry("snomedct", "snomed"),
            Map.entry("http://loinc.org", "loinc"), Map.entry("ln", "loinc"), Map.entry("loinc", "loinc"),
            Map.entry("http://www.nlm.nih.gov/research/umls/rxnorm", "rxnorm"), Map.entry("rxnorm", "rxnorm"),
            Map.entry("rxn", "rxnorm"));

    /** family → code (or ICD-10 prefix) → categories */
    private final Map<String, Map<String, Set<String>>> table = new HashMap<>();

    public SensitiveCodes(Map<String, List<String>> categories) {
        categories.forEach((category, codes) -> codes.forEach(entry -> {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                table.computeIfAbsent(entry.substring(0, colon).trim().toLowerCase(Locale.ROOT), f -> new HashMap<>())
                        .computeIfAbsent(entry.substring(colon + 1).trim().toUpperCase(Locale.ROOT),
                                c -> new HashSet<>()).add(category.toLowerCase(Locale.ROOT));
            }
        }));
    }

    /** The categories of one code; empty when it is not sensitive. */
    public Set<String> categoriesOf(String system, String code) {
        if (system == null || code == null) {
            return Set.of();
        }
        String family = FAMILIES.get(system.trim().toLowerCase(Locale.ROOT));
        Map<String, Set<String>> codes = family == null ? null : table.get(family);
        if (codes == null) {
            return Set.of();
        }
        String normalised = code.trim().toUpperCase(Locale.ROOT);
        if (!"icd10".equals(family)) {
            return codes.getOrDefault(normalised, Set.of());
        }
        Set<String> found = new HashSet<>();
        String dotless = normalised.replace(".", "");
        codes.forEach((prefix, categories) -> {
            if (dotless.startsWith(prefix.replace(".", ""))) {
                found.addAll(categories);
            }
        });
        return found;
    }

    /** The categories of a read-model document: its {@code code} and, where kept, the code as sent. */
    public Set<String> categoriesOf(Document fact) {
        Set<String> found = new HashSet<>();
        for (String field : List.of("code", "originalCode", "codeAsSent", "medication")) {
            if (fact.get(field) instanceof Document code) {
                found.addAll(categoriesOf(code.getString("system"), code.getString("code")));
            }
        }
        return found;
    }
}
