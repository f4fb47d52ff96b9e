package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;
import org.hiehub.command.ingest.RejectedInput;

/**
 * OBX-5 read according to OBX-2. Numbers keep their comparator (labs report "&gt;400" or "&lt;0.5" when a value
 * is outside the measurable range) and the unit as sent; a numeric field holding text ("POS", "see note") is kept
 * as text rather than refused, since the result is still clinically meaningful to a reader. A date or time result
 * (DT, DTM, TS) is kept as sent once it is a valid HL7 date/time; an impossible one refuses the message at OBX-5,
 * as an impossible date anywhere else does.
 */
final class ObxValue {

    /**
     * A number with an optional comparator, matched against the stripped value; HL7 NM has no exponent, but
     * instruments send "1.4E2" and mean 140. The quantifiers are possessive or bounded and a number has at most
     * {@value #MAX_DIGITS} digits on either side of its point: the value is hostile input, and a pattern that
     * backtracks, or a BigDecimal of a million digits, took seconds to minutes a value (quadratic in its length). A
     * longer "number" is kept as text.
     */
    private static final int MAX_DIGITS = 40;
    private static final Pattern NUMBER = Pattern.compile(("(<=|>=|<|>|=|~)?\\s*+"
            + "([+-]?(?:\\d{1,%1$d}(?:\\.\\d{0,%1$d})?|\\.\\d{1,%1$d})(?:[eE][+-]?\\d{1,2})?)").formatted(MAX_DIGITS));
    /** HL7's explicit null: "delete the value"; no value here. */
    private static final String EXPLICIT_NULL = "\"\"";

    private ObxValue() {
    }

    record Value(Measurement quantity, Concept concept, String text) {
        static final Value NONE = new Value(null, null, null);
    }

    static Value of(String valueType, Varies[] values, CE units) throws RejectedInput {
        List<List<String>> reps = new ArrayList<>();
        for (Varies value : values) {
            List<String> parts = components(value);
            if (parts.stream().anyMatch(p -> !p.isBlank() && !EXPLICIT_NULL.equals(p.strip()))) {
                reps.add(parts);
            }
        }
        if (reps.isEmpty()) {
            return Value.NONE;
        }
        String type = valueType == null ? "ST" : valueType.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "NM" -> numeric(reps.get(0).get(0), null, units);
            case "SN" -> structuredNumeric(reps.get(0), units);
            case "CE", "CWE", "CNE", "CF", "CD" -> new Value(null, concept(reps.get(0)), null);
            case "DT", "DTM", "TS" -> dated(reps);
            default -> new Value(null, null, text(reps));
        };
    }

    /** Each repetition's time (TS: its first component) checked; the value kept as sent. */
    private static Value dated(List<List<String>> reps) throws RejectedInput {
        for (List<String> rep : reps) {
            Hl7Dates.time(part(rep, 0), "OBX-5");
        }
        return new Value(null, null, text(reps));
    }

    private static Value numeric(String sent, String comparatorOverride, CE units) {
        Matcher m = NUMBER.matcher(sent.strip());
        if (!m.matches()) {
            return new Value(null, null, sent);
        }
        String comparator = comparatorOverride != null ? comparatorOverride : m.group(1);
        return new Value(new Measurement(sent.strip(), new BigDecimal(m.group(2)), comparator,
                unitAsSent(units), Hl7Values.text(units.getNameOfCodingSystem()), Hl7Values.text(units.getIdentifier())),
                null, null);
    }

    /**
     * An amount outside an OBX (a dose, RXA-6 with its unit in RXA-7): a number read as a numeric result's, else
     * kept as sent with no value.
     */
    static Measurement amount(String sent, CE units) {
        Measurement number = numeric(sent, null, units).quantity();
        return number != null ? number : new Measurement(sent, null, null, unitAsSent(units),
                Hl7Values.text(units.getNameOfCodingSystem()), Hl7Values.text(units.getIdentifier()));
    }

    /** SN = comparator ^ number ^ separator ^ number; a ratio or range (1:128, 2-5) has no single value. */
    private static Value structuredNumeric(List<String> parts, CE units) {
        String comparator = part(parts, 0);
        String first = part(parts, 1);
        String separator = part(parts, 2);
        String second = part(parts, 3);
        String sent = String.join("^", parts).replaceAll("\\^+$", "");
        if (first == null || separator != null || second != null) {
            return new Value(null, null, sent);
        }
        Value value = numeric(first, comparator, units);
        if (value.quantity() == null) {
            return new Value(null, null, sent);
        }
        Measurement q = value.quantity();
        return new Value(new Measurement(sent, q.value(), q.comparator(), q.unitAsSent(), q.unitSystem(),
                q.unitCode()), null, null);
    }

    private static Concept concept(List<String> parts) {
        return Hl7Values.concept(part(parts, 0), part(parts, 1), part(parts, 2), part(parts, 3), part(parts, 4),
                part(parts, 5), Hl7Values.firstNonNull(part(parts, 8), part(parts, 1)));
    }

    private static String text(List<List<String>> reps) {
        List<String> lines = new ArrayList<>();
        for (List<String> rep : reps) {
            String joined = String.join("^", rep).replaceAll("\\^+$", "");
            lines.add(joined);
        }
        return String.join("\n", lines);
    }

    static String unitAsSent(CE units) {
        return Hl7Values.firstNonNull(Hl7Values.text(units.getIdentifier()), Hl7Values.text(units.getText()));
    }

    private static String part(List<String> parts, int index) {
        if (index >= parts.size()) {
            return null;
        }
        String value = parts.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** The components of a value whatever HAPI made of it (typed, generic or still a Varies). */
    static List<String> components(Type type) {
        if (type instanceof Varies varies) {
            return components(varies.getData());
        }
        List<String> out = new ArrayList<>();
        if (type instanceof Primitive primitive) {
            out.add(primitive.getValue() == null ? "" : primitive.getValue());
        } else if (type instanceof Composite composite) {
            for (Type component : composite.getComponents()) {
                List<String> inner = components(component);
                out.add(inner.isEmpty() ? "" : inner.get(0));
            }
        }
        for (int i = 0; i < type.getExtraComponents().numComponents(); i++) {
            List<String> inner = components(type.getExtraComponents().getComponent(i));
            out.add(inner.isEmpty() ? "" : inner.get(0));
        }
        return out;
    }
}
