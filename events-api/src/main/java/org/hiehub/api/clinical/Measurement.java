package org.hiehub.api.clinical;

import java.math.BigDecimal;

/**
 * A measured value as sent and as parsed. {@code comparator} keeps "&lt;", "&gt;" etc. of values like "&gt;400";
 * the unit stays as sent ({@code unitAsSent}), with its system and code when the source gave them; conversion
 * to UCUM canonical units happens in projections.
 */
public record Measurement(String valueAsSent, BigDecimal value, String comparator, String unitAsSent,
                          String unitSystem, String unitCode) {
}
