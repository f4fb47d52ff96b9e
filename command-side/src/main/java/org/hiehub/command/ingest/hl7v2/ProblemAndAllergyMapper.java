package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.segment.AL1;
import ca.uhn.hl7v2.model.v251.segment.DG1;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ClinicalTime;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.command.ingest.ParsedMessage.FactDraft;
import org.hiehub.command.ingest.RejectedInput;

/** DG1 → ConditionRecorded and AL1 → AllergyRecorded, as ADT messages carry them. */
final class ProblemAndAllergyMapper {

    private ProblemAndAllergyMapper() {
    }

    /** Null when the DG1 carries neither a code nor a description. */
    static FactDraft diagnosis(DG1 dg1, String encounterId) throws RejectedInput {
        Concept code = Hl7Values.concept(dg1.getDiagnosisCodeDG1());
        String description = text(dg1.getDiagnosisDescription());
        if (code == null && description == null) {
            return null;
        }
        if (code == null) {
            code = new Concept(List.of(), description);
        } else if (code.text() == null && description != null) {
            code = new Concept(code.codings(), description); // DG1-4 describes the code of DG1-3
        }
        String diagnosisType = text(dg1.getDiagnosisType());
        // HL7 table 0052 (admitting, working, final…) is the closest v2 has to a category; kept as sent
        Concept category = diagnosisType == null ? null : Concept.of("HL70052", diagnosisType, null);
        ClinicalTime recorded = Hl7Dates.time(text(dg1.getDiagnosisDateTime().getTime()), "DG1-5");
        Concept condition = code;
        return (record, key, factId) -> new ConditionRecorded(record, factId, key, condition, category, null, null,
                null, null, recorded, encounterId);
    }

    /** Null when the AL1 names no allergen. */
    static FactDraft allergy(AL1 al1) throws RejectedInput {
        Concept substance = Hl7Values.concept(al1.getAllergenCodeMnemonicDescription());
        if (substance == null) {
            return null;
        }
        String allergenType = text(al1.getAllergenTypeCode().getIdentifier());
        String type = allergenType != null && allergenType.toUpperCase(Locale.ROOT).endsWith("I")
                ? "intolerance" : "allergy";
        List<String> categories = category(allergenType);
        String criticality = criticality(text(al1.getAllergySeverityCode().getIdentifier()));
        List<Concept> reactions = new ArrayList<>();
        for (ST reaction : al1.getAllergyReactionCode()) {
            String text = text(reaction);
            if (text != null) {
                reactions.add(new Concept(List.of(), text));
            }
        }
        ClinicalTime identified = Hl7Dates.time(text(al1.getIdentificationDate()), "AL1-6");
        return (record, key, factId) -> new AllergyRecorded(record, factId, key, substance, type, categories,
                criticality, null, null, reactions, null, identified);
    }

    /** HL7 table 0127 allergen type → FHIR allergy category. */
    private static List<String> category(String allergenType) {
        if (allergenType == null) {
            return List.of();
        }
        return switch (allergenType.toUpperCase(Locale.ROOT)) {
            case "DA", "MC", "DI" -> List.of("medication");
            case "FA", "FI" -> List.of("food");
            case "EA", "AA", "PA", "LA", "EI" -> List.of("environment");
            default -> List.of();
        };
    }

    /** HL7 table 0128 severity → FHIR criticality; unknown codes stay as sent. */
    private static String criticality(String severity) {
        if (severity == null) {
            return null;
        }
        return switch (severity.toUpperCase(Locale.ROOT)) {
            case "SV" -> "high";
            case "MO", "MI" -> "low";
            case "U" -> "unable-to-assess";
            default -> severity;
        };
    }
}
