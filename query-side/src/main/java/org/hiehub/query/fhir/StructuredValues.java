package org.hiehub.query.fhir;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Type;

/**
 * Results the events keep as text because they have no single number, typed again for FHIR: an HL7 v2 structured
 * numeric (SN, {@code ^1^:^128} a titre, {@code ^10^-^20} a range) as the HL7 v2-to-FHIR mapping reads it, and the
 * text the hub kept of a FHIR {@code valueRange} ({@code 5 mg/dL - 10 mg/dL}) or {@code valueRatio} ({@code 1 / 128}).
 * Anything else, or a comparator FHIR cannot carry there, stays text.
 */
final class StructuredValues {

    private static final String NUMBER = "([-+]?\\d+(?:\\.\\d+)?)";
    private static final Pattern SN = Pattern.compile("^=?\\^" + NUMBER + "\\^([-:/])\\^" + NUMBER + "$");
    private static final Pattern QUANTITY = Pattern.compile("^" + NUMBER + "(?: (.+))?$");

    private StructuredValues() {
    }

    /** The typed value for a value type kept as text, or null when the text is not of that shape. */
    static Type of(String valueType, String text) {
        return switch (valueType) {
            case "SN" -> structuredNumeric(text);
            case "Range" -> range(text);
            case "Ratio" -> ratio(text);
            default -> null;
        };
    }

    private static Type structuredNumeric(String text) {
        Matcher m = SN.matcher(text);
        if (!m.matches()) {
            return null;
        }
        Quantity first = new Quantity().setValue(new BigDecimal(m.group(1)));
        Quantity second = new Quantity().setValue(new BigDecimal(m.group(3)));
        return "-".equals(m.group(2)) ? new Range().setLow(first).setHigh(second)
                : new Ratio().setNumerator(first).setDenominator(second);
    }

    private static Type range(String text) {
        String padded = " " + text.strip() + " ";
        int at = padded.indexOf(" - ");
        if (at < 0 || padded.indexOf(" - ", at + 1) >= 0) {
            return null;
        }
        String low = padded.substring(0, at).strip();
        String high = padded.substring(at + 3).strip();
        Quantity lowQuantity = low.isEmpty() ? null : quantity(low);
        Quantity highQuantity = high.isEmpty() ? null : quantity(high);
        if (!low.isEmpty() && lowQuantity == null || !high.isEmpty() && highQuantity == null
                || lowQuantity == null && highQuantity == null) {
            return null;
        }
        return new Range().setLow(lowQuantity).setHigh(highQuantity);
    }

    private static Type ratio(String text) {
        String[] parts = text.strip().split(" / ", -1);
        if (parts.length != 2) {
            return null;
        }
        Quantity numerator = quantity(parts[0].strip());
        Quantity denominator = quantity(parts[1].strip());
        return numerator == null || denominator == null ? null
                : new Ratio().setNumerator(numerator).setDenominator(denominator);
    }

    /** "5 mg/dL" as the hub wrote a quantity's text: the number and the unit as sent; no comparator. */
    private static Quantity quantity(String text) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return null;
        }
        Quantity quantity = new Quantity().setValue(new BigDecimal(m.group(1)));
        return m.group(2) == null ? quantity : quantity.setUnit(m.group(2));
    }
}
