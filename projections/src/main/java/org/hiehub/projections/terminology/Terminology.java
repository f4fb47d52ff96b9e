package org.hiehub.projections.terminology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.concurrent.atomic.AtomicReference;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.Measurement;

/**
 * Interprets codes and units as sent, with the table version that is current when a projection runs. A reload
 * swaps the whole version at once; views built before it keep the version they name until rebuilt.
 */
public class Terminology {

    /** Converted values keep 6 significant digits: more than any lab reports, fewer than floating noise. */
    private static final MathContext PRECISION = new MathContext(6);
    private final TerminologySource source;
    private final AtomicReference<TerminologyTables> tables = new AtomicReference<>();

    public Terminology(TerminologySource source) {
        this.source = source;
        reload();
    }

    /** Re-reads the tables; returns the version now in use. */
    public String reload() {
        TerminologyTables loaded = source.load();
        tables.set(loaded);
        return loaded.version();
    }

    public String version() {
        return tables.get().version();
    }

    /**
     * LOINC if any coding is LOINC or a local code the table maps for this source; else the first coding, its
     * system canonicalised where the alias is known, flagged unmapped. {@code null} for a concept with no coding.
     */
    public NormalisedCode normalise(String sourceSystem, Concept concept) {
        if (concept == null || concept.codings().isEmpty()) {
            return concept == null || concept.text() == null ? null
                    : new NormalisedCode(null, null, concept.text(), false, NormalisedCode.AS_SENT);
        }
        TerminologyTables t = tables.get();
        for (Coding coding : concept.codings()) {
            if (coding.code() != null && NormalisedCode.LOINC.equals(system(t, coding.system()))) {
                return new NormalisedCode(NormalisedCode.LOINC, coding.code(), display(coding, concept), true,
                        NormalisedCode.AS_SENT);
            }
        }
        for (Coding coding : concept.codings()) {
            TerminologyTables.LocalMapping local = localMapping(t, sourceSystem, coding);
            if (local != null) {
                return new NormalisedCode(NormalisedCode.LOINC, local.loinc(),
                        local.display() == null ? display(coding, concept) : local.display(), true,
                        NormalisedCode.LOCAL_TABLE);
            }
        }
        Coding first = concept.codings().stream().filter(c -> c.code() != null).findFirst()
                .orElse(concept.codings().get(0));
        return new NormalisedCode(system(t, first.system()), first.code(), display(first, concept), false,
                NormalisedCode.AS_SENT);
    }

    /**
     * For concepts that are not lab tests (problems, medications, allergens, vaccines): the first coding in a
     * system the alias table knows (SNOMED CT, RxNorm, ICD-10, CVX, …), its system canonicalised, flagged mapped;
     * else the first coding as sent, flagged unmapped.
     */
    public NormalisedCode canonical(Concept concept) {
        if (concept == null || concept.codings().isEmpty()) {
            return normalise(null, concept);
        }
        TerminologyTables t = tables.get();
        for (Coding coding : concept.codings()) {
            String system = system(t, coding.system());
            if (coding.code() != null && system != null && t.knownSystems().contains(system)) {
                return new NormalisedCode(system, coding.code(), display(coding, concept), true,
                        NormalisedCode.AS_SENT);
            }
        }
        Coding first = concept.codings().get(0);
        return new NormalisedCode(system(t, first.system()), first.code(), display(first, concept), false,
                NormalisedCode.AS_SENT);
    }

    /** The system's canonical URI where the alias table knows it, else as sent. */
    public String canonicalSystem(String systemAsSent) {
        return system(tables.get(), systemAsSent);
    }

    /** The value in its UCUM canonical unit; unchanged (and not converted) when the unit is not in the table. */
    public CanonicalValue toCanonical(String loinc, Measurement measurement) {
        if (measurement == null) {
            return null;
        }
        String unit = measurement.unitCode() != null ? measurement.unitCode() : measurement.unitAsSent();
        if (unit == null || measurement.value() == null) {
            return new CanonicalValue(measurement.value(), unit, false);
        }
        TerminologyTables t = tables.get();
        TerminologyTables.UnitConversion conversion = t.units().get(TerminologyTables.unitKey(unit, loinc));
        if (conversion == null) {
            conversion = t.units().get(TerminologyTables.unitKey(unit, ""));
        }
        if (conversion == null) {
            return new CanonicalValue(measurement.value(), unit, false);
        }
        BigDecimal value = measurement.value().add(conversion.addBefore()).multiply(conversion.multiply())
                .round(PRECISION).stripTrailingZeros();
        return new CanonicalValue(value.scale() < 0 ? value.setScale(0) : value, conversion.canonicalUnit(), true);
    }

    private static TerminologyTables.LocalMapping localMapping(TerminologyTables t, String source, Coding coding) {
        if (coding.code() == null) {
            return null;
        }
        String system = coding.system() == null ? "" : coding.system();
        TerminologyTables.LocalMapping exact = source == null ? null
                : t.localCodes().get(TerminologyTables.localKey(source, system, coding.code()));
        return exact != null ? exact : t.localCodes().get(TerminologyTables.localKey(TerminologyTables.ANY_SOURCE,
                system, coding.code()));
    }

    private static String system(TerminologyTables t, String systemAsSent) {
        if (systemAsSent == null) {
            return null;
        }
        return t.systemAliases().getOrDefault(TerminologyTables.aliasKey(systemAsSent), systemAsSent);
    }

    private static String display(Coding coding, Concept concept) {
        return coding.display() != null ? coding.display() : concept.text();
    }
}
