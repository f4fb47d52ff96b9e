package org.hiehub.query.fhir;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;
import org.bson.Document;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;

/** Read-model values as R4 datatypes, lenient where a source sent something FHIR would not accept. */
final class FhirValues {

    private FhirValues() {
    }

    /** The code as the terminology normalised it (LOINC for mapped lab tests); unmapped, it is the code as sent. */
    static CodeableConcept code(Document entry) {
        return concept(entry.get("code", Document.class));
    }

    /** A code document of a view ({@code system}, {@code code}, {@code display}) as a CodeableConcept. */
    static CodeableConcept concept(Document code) {
        CodeableConcept concept = new CodeableConcept();
        if (code != null) {
            concept.addCoding().setSystem(code.getString("system")).setCode(code.getString("code"))
                    .setDisplay(code.getString("display"));
            concept.setText(code.getString("display"));
        }
        return concept;
    }

    static DateTimeType time(Document entry) {
        return entry.getString("time") == null ? null : new DateTimeType(entry.getString("time"));
    }

    static BigDecimal number(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static <E> E parse(String code, Function<String, E> fromCode, E fallback) {
        try {
            return code == null ? fallback : fromCode.apply(code.toLowerCase(Locale.ROOT));
        } catch (Exception e) {
            return fallback;
        }
    }
}
