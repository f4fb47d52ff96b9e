package org.hiehub.projections.terminology;

import java.math.BigDecimal;

/** A measured value in its UCUM canonical unit; {@code converted} is false when no table row knew the unit. */
public record CanonicalValue(BigDecimal value, String unit, boolean converted) {
}
