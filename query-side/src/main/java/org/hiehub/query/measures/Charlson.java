package org.hiehub.query.measures;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Charlson comorbidity index (Charlson et al., J Chronic Dis 1987) from coded problems: ICD-10 categories as
 * Quan et al. (Med Care 2005) mapped them, and the SNOMED CT codes the hub's sources (Synthea among them) send
 * for the same conditions. Each condition category counts once, at its weight; diabetes with end-organ damage
 * replaces uncomplicated diabetes, metastatic tumour any malignancy, severe liver disease mild.
 */
final class Charlson {

    private record Category(String name, int weight, List<String> icd10Prefixes, Set<String> snomed) {
    }

    private static final String SNOMED = "http://snomed.info/sct";
    private static final List<Category> CATEGORIES = List.of(
            new Category("myocardial infarction", 1, List.of("I21", "I22", "I252"), Set.of("22298006", "401303003",
                    "401314000", "399211009")),
            new Category("congestive heart failure", 1, List.of("I50", "I110", "I130", "I132"),
                    Set.of("42343007", "88805009", "84114007")),
            new Category("peripheral vascular disease", 1, List.of("I70", "I71", "I739"), Set.of("399957001")),
            new Category("cerebrovascular disease", 1, List.of("I6", "G45", "G46"),
                    Set.of("230690007", "422504002", "266257000")),
            new Category("dementia", 1, List.of("F00", "F01", "F02", "F03", "G30"), Set.of("52448006", "26929004")),
            new Category("chronic pulmonary disease", 1, List.of("J40", "J41", "J42", "J43", "J44", "J45", "J46",
                    "J47"), Set.of("13645005", "195967001", "185086009", "87433001", "233678006")),
            new Category("connective tissue disease", 1, List.of("M05", "M06", "M32", "M33", "M34"),
                    Set.of("69896004", "55464009")),
            new Category("peptic ulcer disease", 1, List.of("K25", "K26", "K27", "K28"), Set.of("13200003")),
            new Category("mild liver disease", 1, List.of("K70", "K73", "K74", "B18"), Set.of("19943007",
                    "61977001")),
            new Category("diabetes", 1, List.of("E100", "E101", "E109", "E110", "E111", "E119"),
                    Set.of("44054006", "73211009", "46635009")),
            new Category("diabetes with end-organ damage", 2, List.of("E102", "E103", "E104", "E105", "E112",
                    "E113", "E114", "E115"), Set.of("127013003", "368581000119106", "422034002", "90781000119102",
                    "157141000119108", "1501000119109", "97331000119101")),
            new Category("hemiplegia or paraplegia", 2, List.of("G81", "G82"), Set.of("50582007")),
            new Category("renal disease", 2, List.of("N18", "N19", "Z49", "Z992"), Set.of("431855005",
                    "431856006", "433144002", "431857002", "46177005", "709044004")),
            new Category("malignancy", 2, List.of("C0", "C1", "C2", "C3", "C40", "C41", "C43", "C45", "C46", "C47",
                    "C48", "C49", "C5", "C6", "C70", "C71", "C72", "C73", "C74", "C75", "C76", "C81", "C82", "C83",
                    "C84", "C85", "C88", "C9"), Set.of("254637007", "93761005", "254837009", "126906006",
                    "363406005", "424132000")),
            new Category("moderate or severe liver disease", 3, List.of("K704", "K711", "K721", "K729", "K765",
                    "K766", "K767", "I85"), Set.of()),
            new Category("metastatic solid tumour", 6, List.of("C77", "C78", "C79", "C80"),
                    Set.of("128462008")),
            new Category("AIDS/HIV", 6, List.of("B20", "B21", "B22", "B24"), Set.of("62479008", "86406008")));

    private Charlson() {
    }

    /** The categories found in the coded problems (documents with {@code code.system} and {@code code.code}). */
    static Map<String, Integer> categories(List<Document> conditions) {
        Map<String, Integer> found = new TreeMap<>();
        for (Document condition : conditions) {
            Document code = condition.get("code", Document.class);
            if (code == null || code.getString("code") == null) {
                continue;
            }
            String system = String.valueOf(code.getString("system"));
            String value = code.getString("code").replace(".", "");
            for (Category category : CATEGORIES) {
                boolean icd10 = system.startsWith("http://hl7.org/fhir/sid/icd-10")
                        && category.icd10Prefixes().stream().anyMatch(value::startsWith);
                if (icd10 || SNOMED.equals(system) && category.snomed().contains(value)) {
                    found.put(category.name(), category.weight());
                }
            }
        }
        // a graver form replaces the milder one
        if (found.containsKey("diabetes with end-organ damage")) {
            found.remove("diabetes");
        }
        if (found.containsKey("metastatic solid tumour")) {
            found.remove("malignancy");
        }
        if (found.containsKey("moderate or severe liver disease")) {
            found.remove("mild liver disease");
        }
        return found;
    }

    static int index(Map<String, Integer> categories) {
        return categories.values().stream().mapToInt(Integer::intValue).sum();
    }
}
