package org.hiehub.projections.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hiehub.projections.terminology.NormalisedCode;
import org.hiehub.projections.terminology.Terminology;

/**
 * The configured drug–allergy pairs, indexed by canonical {@code system|code}. A medication and an allergy
 * conflict when the medication's code is listed as a drug, and the allergy's as an allergen, of the same entry.
 */
final class DrugAllergyTable {

    private final Map<String, List<String>> classesByDrug = new HashMap<>();
    private final Map<String, List<String>> classesByAllergen = new HashMap<>();

    DrugAllergyTable(List<AlertProperties.DrugAllergy> entries, Terminology terminology) {
        for (AlertProperties.DrugAllergy entry : entries) {
            entry.drugs().forEach(d -> classesByDrug.computeIfAbsent(key(d, terminology), k -> new ArrayList<>())
                    .add(entry.name()));
            entry.allergens().forEach(a -> classesByAllergen.computeIfAbsent(key(a, terminology),
                    k -> new ArrayList<>()).add(entry.name()));
        }
    }

    List<String> drugClasses(NormalisedCode code) {
        return code == null ? List.of() : classesByDrug.getOrDefault(code.key(), List.of());
    }

    List<String> allergenClasses(NormalisedCode code) {
        return code == null ? List.of() : classesByAllergen.getOrDefault(code.key(), List.of());
    }

    private static String key(String token, Terminology terminology) {
        int bar = token.lastIndexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("hub.alerts.drug-allergies codes are system|code, got " + token);
        }
        return terminology.canonicalSystem(token.substring(0, bar).trim()) + "|" + token.substring(bar + 1).trim();
    }
}
