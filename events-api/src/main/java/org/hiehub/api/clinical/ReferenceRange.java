package org.hiehub.api.clinical;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference range read from the text a source sent ("70-99", "3.5 - 5.1", "&lt;5", "&gt;=60"): bounds as numbers
 * where the text has them, the unit they are in, and the text itself. Unreadable text keeps only {@code text}.
 */
public record ReferenceRange(BigDecimal low, BigDecimal high, String unit, String text) {

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    private static final Pattern BETWEEN = Pattern.compile("^\\s*" + NUMBER + "\\s*(?:-|–|to)\\s*" + NUMBER + "\\s*$");
    private static final Pattern BELOW = Pattern.compile("^\\s*<=?\\s*" + NUMBER + "\\s*$");
    private static final Pattern ABOVE = Pattern.compile("^\\s*>=?\\s*" + NUMBER + "\\s*$");

    /** Null when there is no text at all. */
    public static ReferenceRange fromText(String text, String unit) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher between = BETWEEN.matcher(text);
        if (between.matches()) {
            return new ReferenceRange(new BigDecimal(between.group(1)), new BigDecimal(between.group(2)), unit, text);
        }
        Matcher below = BELOW.matcher(text);
        if (below.matches()) {
            return new ReferenceRange(null, new BigDecimal(below.group(1)), unit, text);
        }
        Matcher above = ABOVE.matcher(text);
        if (above.matches()) {
            return new ReferenceRange(new BigDecimal(above.group(1)), null, unit, text);
        }
        return new ReferenceRange(null, null, unit, text);
    }
}
