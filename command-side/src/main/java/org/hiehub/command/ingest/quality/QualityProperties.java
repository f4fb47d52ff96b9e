package org.hiehub.command.ingest.quality;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quality bands ({@code hub.quality.*}): score at or above {@code accept} is accepted, at or above {@code warn}
 * accepted with warnings, at or above {@code review} accepted and flagged for review, below it rejected.
 * {@code maxAgeDays}: facts older than this on arrival lose timeliness points. {@code impossibleCeiling}: the
 * highest score a message can have that states something which cannot be true (a body temperature of 400 °F, a birth
 * in the future, an encounter ending before it began), however many plausible facts surround it; by default the
 * warning band, so the sender hears of it. {@code weights}: the dimensions' shares of the score, in percent
 * (completeness 30, accuracy 30, consistency 15, timeliness 15, uniqueness 10; those given replace the defaults,
 * and together they must make 100). {@code plausibleRanges}: physiologically possible ranges by LOINC code added to
 * or replacing the built-in ones, e.g. {@code hub.quality.plausible-ranges.8310-5=Cel 25..45, [degF] 77..113}.
 */
@ConfigurationProperties("hub.quality")
public record QualityProperties(@DefaultValue("90") int accept, @DefaultValue("75") int warn,
                                @DefaultValue("60") int review, @DefaultValue("365") int maxAgeDays,
                                @DefaultValue("85") int impossibleCeiling, Map<String, Integer> weights,
                                Map<String, String> plausibleRanges) {

    public static final Map<String, Integer> DEFAULT_WEIGHTS = Map.of(
            "completeness", 30, "accuracy", 30, "consistency", 15, "timeliness", 15, "uniqueness", 10);
    public static final QualityProperties DEFAULTS = new QualityProperties(90, 75, 60, 365, 85);

    @ConstructorBinding
    public QualityProperties {
        if (!(accept >= warn && warn >= review)) {
            throw new IllegalArgumentException("hub.quality: accept (" + accept + ") >= warn (" + warn
                    + ") >= review (" + review + ") is required");
        }
        Map<String, Integer> merged = new TreeMap<>(DEFAULT_WEIGHTS);
        (weights == null ? Map.<String, Integer>of() : weights).forEach((dimension, weight) -> {
            if (!DEFAULT_WEIGHTS.containsKey(dimension) || weight == null || weight < 0) {
                throw new IllegalArgumentException("hub.quality.weights." + dimension + ": a weight of one of "
                        + new TreeSet<>(DEFAULT_WEIGHTS.keySet()) + ", 0 or more, is required");
            }
            merged.put(dimension, weight);
        });
        int total = merged.values().stream().mapToInt(Integer::intValue).sum();
        if (total != 100) {
            throw new IllegalArgumentException("hub.quality.weights must make 100, not " + total + ": " + merged);
        }
        weights = Map.copyOf(merged);
        plausibleRanges = plausibleRanges == null ? Map.of() : Map.copyOf(plausibleRanges);
    }

    /** The default weights and built-in ranges with these bands. */
    public QualityProperties(int accept, int warn, int review, int maxAgeDays, int impossibleCeiling) {
        this(accept, warn, review, maxAgeDays, impossibleCeiling, null, null);
    }

    public String band(int score) {
        if (score >= accept) {
            return QualityScorer.ACCEPT;
        }
        if (score >= warn) {
            return "WARN";
        }
        return score >= review ? "REVIEW" : QualityScorer.REJECT;
    }
}
