package org.hiehub.projections.terminology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of the mapping tables, parsed from its CSV files. Immutable: a reload builds a new instance, so a
 * projection batch running meanwhile sees one consistent version.
 */
record TerminologyTables(String version, Map<String, String> systemAliases, Map<String, LocalMapping> localCodes,
                         Map<String, UnitConversion> units, Set<String> knownSystems) {

    static final String ANY_SOURCE = "*";

    /** A local code's LOINC target. */
    record LocalMapping(String loinc, String display) {
    }

    /** canonical = (value + addBefore) * multiply. */
    record UnitConversion(String canonicalUnit, BigDecimal multiply, BigDecimal addBefore) {
    }

    static TerminologyTables parse(String version, String codeSystems, String localCodes, String units) {
        Map<String, String> aliases = new HashMap<>();
        for (List<String> row : Csv.rows(codeSystems)) {
            aliases.put(aliasKey(row.get(0)), row.get(1));
        }
        Map<String, LocalMapping> local = new HashMap<>();
        for (List<String> row : Csv.rows(localCodes)) {
            local.put(localKey(row.get(0), row.get(1), row.get(2)), new LocalMapping(row.get(3),
                    row.size() > 4 ? row.get(4) : null));
        }
        Map<String, UnitConversion> conversions = new HashMap<>();
        for (List<String> row : Csv.rows(units)) {
            String loinc = row.size() > 4 ? row.get(4) : "";
            conversions.put(unitKey(row.get(0), loinc), new UnitConversion(row.get(1), number(row.get(2)),
                    number(row.get(3))));
        }
        return new TerminologyTables(version, Map.copyOf(aliases), Map.copyOf(local), Map.copyOf(conversions),
                Set.copyOf(aliases.values()));
    }

    /** Aliases compare case-insensitively: senders write "LN", "ln" and "Loinc" alike. */
    static String aliasKey(String alias) {
        return alias.trim().toUpperCase(java.util.Locale.ROOT);
    }

    static String localKey(String sourceSystem, String system, String code) {
        return sourceSystem + '\u001f' + system + '\u001f' + code;
    }

    static String unitKey(String unit, String loinc) {
        return unit + '\u001f' + (loinc == null ? "" : loinc);
    }

    /** Plain decimals or fractions such as 5/9, so factors stay exact in the table. */
    private static BigDecimal number(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new BigDecimal(text.trim());
        }
        return new BigDecimal(text.substring(0, slash).trim())
                .divide(new BigDecimal(text.substring(slash + 1).trim()), MathContext.DECIMAL64);
    }
}
