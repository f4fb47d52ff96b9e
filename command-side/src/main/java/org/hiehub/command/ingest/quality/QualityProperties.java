package org.hiehub.command.ingest.quality;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quality bands ({@code hub.quality.*}): score at or above {@code accept} is accepted, at or above {@code warn}
 * accepted with warnings, at or above {@code review} accepted and flagged for review, below it rejected.
 * {@code maxAgeDays}: facts older than this on arrival lose timeliness points. {@code impossibleCeiling}: the
 * highest score a message can have that states something which cannot be true (a body temperature of 400 °F, a birth
 * in the future, an encounter ending before it began), however many plausible facts surround it; by default the
 * warning band, so the sender hears of it.
 */
@ConfigurationProperties("hub.quality")
public record QualityProperties(@DefaultValue("90") int accept, @DefaultValue("75") int warn,
                                @DefaultValue("60") int review, @DefaultValue("365") int maxAgeDays,
                                @DefaultValue("85") int impossibleCeiling) {

    public static final QualityProperties DEFAULTS = new QualityProperties(90, 75, 60, 365, 85);

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
