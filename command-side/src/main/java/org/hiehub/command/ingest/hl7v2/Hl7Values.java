package org.hiehub.command.ingest.hl7v2;

import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.Concept;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.EI;
import ca.uhn.hl7v2.model.v251.datatype.HD;
import ca.uhn.hl7v2.model.v251.datatype.IS;

/**
 * Reading HAPI's v2.5.1 datatypes into plain values. Codes are kept exactly as sent, coding-system ids included
 * ("LN", "SCT", or a lab's local "L"): interpretation happens in projections, from versioned mapping tables.
 */
final class Hl7Values {

    private Hl7Values() {
    }

    /** The primitive's value, stripped, or null when empty (HAPI returns "" and null alike for absent fields). */
    static String text(Primitive primitive) {
        if (primitive == null) {
            return null;
        }
        String value = primitive.getValue();
        if (value == null) {
            return null;
        }
        value = value.strip();
        // "" (two double quotes) is HL7's explicit null: "delete the value"; the hub keeps it as absent
        return value.isEmpty() || "\"\"".equals(value) ? null : value;
    }

    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** An assigning authority or facility: its namespace id, else its universal id (often an OID). */
    static String hd(HD hd) {
        return firstNonNull(text(hd.getNamespaceID()), text(hd.getUniversalID()));
    }

    static String is(IS is) {
        return text(is);
    }

    static String ei(EI ei) {
        return firstNonNull(text(ei.getEntityIdentifier()), text(ei.getUniversalID()));
    }

    /** A CE with its alternate coding; null when it carries neither code nor text. */
    static Concept concept(CE ce) {
        return concept(text(ce.getIdentifier()), text(ce.getText()), text(ce.getNameOfCodingSystem()),
                text(ce.getAlternateIdentifier()), text(ce.getAlternateText()),
                text(ce.getNameOfAlternateCodingSystem()), text(ce.getText()));
    }

    /** A CWE with its alternate coding and original text (CWE-9); null when empty. */
    static Concept concept(CWE cwe) {
        return concept(text(cwe.getIdentifier()), text(cwe.getText()), text(cwe.getNameOfCodingSystem()),
                text(cwe.getAlternateIdentifier()), text(cwe.getAlternateText()),
                text(cwe.getNameOfAlternateCodingSystem()),
                firstNonNull(text(cwe.getOriginalText()), text(cwe.getText())));
    }

    static Concept concept(String code, String display, String system, String altCode, String altDisplay,
                           String altSystem, String text) {
        List<Coding> codings = new ArrayList<>(2);
        if (code != null || display != null) {
            codings.add(new Coding(system, code, display));
        }
        if (altCode != null || altDisplay != null) {
            codings.add(new Coding(altSystem, altCode, altDisplay));
        }
        if (codings.isEmpty() && text == null) {
            return null;
        }
        return new Concept(codings, firstNonNull(text, display, altDisplay));
    }
}
