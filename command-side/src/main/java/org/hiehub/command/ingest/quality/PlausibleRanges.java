package org.hiehub.command.ingest.quality;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hiehub.api.clinical.Measurement;

/**
 * Physiologically possible ranges for common vital signs and laboratory results by LOINC code and unit as sent;
 * configuration may add or replace ranges ({@code hub.quality.plausible-ranges}, see {@link #PlausibleRanges(Map)}).
 * Deliberately wide (survivable extremes, not reference ranges): a value outside is a data error, such as a body
 * temperature of 400 °F, not an abnormal result. Units not listed are not judged; a unit is looked up by its code,
 * else as sent, without case, spaces or a degree sign ("°F", "deg F" and "[degF]" are one unit).
 */
final class PlausibleRanges {

    private record Range(double low, double high) {
    }

    private static final Map<String, Map<String, Range>> BY_LOINC = Map.of(
            "8310-5", temperature(), "8331-1", temperature(), // body temperature, oral temperature
            "8867-4", Map.of("/min", new Range(10, 350), "{beats}/min", new Range(10, 350), "bpm", new Range(10, 350)),
            "9279-1", Map.of("/min", new Range(2, 100), "{breaths}/min", new Range(2, 100)),
            "8480-6", Map.of("mm[hg]", new Range(30, 320), "mmhg", new Range(30, 320)),
            "8462-4", Map.of("mm[hg]", new Range(10, 250), "mmhg", new Range(10, 250)),
            "29463-7", Map.of("kg", new Range(0.2, 650), "[lb_av]", new Range(0.4, 1400), "lb", new Range(0.4, 1400),
                    "lbs", new Range(0.4, 1400), "g", new Range(200, 650_000)),
            "8302-2", Map.of("cm", new Range(20, 275), "[in_i]", new Range(8, 108), "in", new Range(8, 108)),
            "2708-6", Map.of("%", new Range(20, 100)), "59408-5", Map.of("%", new Range(20, 100)));

    /**
     * Common chemistry and haematology results: values no living patient has had (survivable extremes reported in
     * the literature lie well inside), so a value outside is a unit or decimal error — glucose 9000 mg/dL, a
     * potassium of 45 — not a critical result, which stays a result with its abnormal flag.
     */
    private static final Map<String, Map<String, Range>> LABS = Map.of(
            "2345-7", glucose(), "2339-0", glucose(), "41653-7", glucose(), // glucose: serum, blood, capillary
            "2823-3", Map.of("mmol/l", new Range(0.5, 20), "meq/l", new Range(0.5, 20)), // potassium
            "2951-2", Map.of("mmol/l", new Range(70, 260), "meq/l", new Range(70, 260)), // sodium
            "718-7", Map.of("g/dl", new Range(0.5, 30), "g/l", new Range(5, 300), "mmol/l", new Range(0.3, 19)),
            "2160-0", Map.of("mg/dl", new Range(0.01, 60), "umol/l", new Range(1, 5300), "µmol/l",
                    new Range(1, 5300)), // hemoglobin, creatinine
            "39156-5", Map.of("kg/m2", new Range(5, 250), "kg/m^2", new Range(5, 250))); // body mass index

    private static final Pattern ENTRY = Pattern.compile("(\\S.*?)\\s+(-?\\d+(?:\\.\\d+)?)\\.\\.(-?\\d+(?:\\.\\d+)?)");
    private final Map<String, Map<String, Range>> ranges = new HashMap<>();

    /**
     * The built-in ranges with {@code overrides} by LOINC code: "unit low..high" entries separated by commas, e.g.
     * {@code 8310-5=Cel 25..45, [degF] 77..113}; a unit given replaces the built-in range of that unit, the others
     * stay. A malformed entry fails at start, naming it.
     */
    PlausibleRanges(Map<String, String> overrides) {
        BY_LOINC.forEach((code, units) -> ranges.put(code, new HashMap<>(units)));
        LABS.forEach((code, units) -> ranges.computeIfAbsent(code, c -> new HashMap<>()).putAll(units));
        overrides.forEach((code, entries) -> {
            for (String entry : entries.split(",")) {
                Matcher m = ENTRY.matcher(entry.strip());
                Range range = m.matches() ? new Range(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)))
                        : null;
                if (range == null || range.low() > range.high()) {
                    throw new IllegalArgumentException("hub.quality.plausible-ranges." + code + ": '" + entry.strip()
                            + "' is not 'unit low..high' with low at most high");
                }
                ranges.computeIfAbsent(code.strip(), c -> new HashMap<>()).put(normalised(m.group(1)), range);
            }
        });
    }

    private static Map<String, Range> glucose() {
        return Map.of("mg/dl", new Range(1, 5000), "mmol/l", new Range(0.05, 280));
    }

    private static Map<String, Range> temperature() {
        return Map.of("cel", new Range(20, 46), "c", new Range(20, 46), "degc", new Range(20, 46),
                "[degf]", new Range(68, 115), "degf", new Range(68, 115), "f", new Range(68, 115),
                "k", new Range(293, 319));
    }

    private static String normalised(String unit) {
        return unit.toLowerCase(Locale.ROOT).replace("°", "deg").replace(" ", "").strip();
    }

    /** A finding when the value is outside the possible range for that code and unit. */
    Optional<String> violation(String loinc, Measurement value) {
        Map<String, Range> units = ranges.get(loinc);
        if (units == null) {
            return Optional.empty();
        }
        Range range = Stream.of(value.unitCode(), value.unitAsSent()).filter(Objects::nonNull)
                .map(unit -> units.get(normalised(unit))).filter(Objects::nonNull).findFirst().orElse(null);
        if (range == null) {
            return Optional.empty();
        }
        if (value.comparator() != null && !"=".equals(value.comparator())) {
            return Optional.empty(); // "<0.5", ">600": beyond what the analyser measures, which is no error
        }
        BigDecimal v = value.value();
        boolean possible = v.doubleValue() >= range.low() && v.doubleValue() <= range.high();
        return possible ? Optional.empty()
                : Optional.of("observation " + loinc + " outside the physiologically possible range for its unit");
    }
}
