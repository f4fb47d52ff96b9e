package org.hiehub.projections.summary;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which linked source wins each field of the golden record ({@code hub.survivorship.*}). Defaults follow common
 * MPI practice: the most complete name and address (a full name beats an initial), the newest birth date, sex,
 * contacts and death date (people move and change numbers). {@code sourceTrust} lists source systems, most
 * trusted first; it breaks ties and decides outright under MOST_TRUSTED. Changing a rule and rebuilding the
 * patient-summary projection recomputes every golden record.
 */
@ConfigurationProperties("hub.survivorship")
public record SurvivorshipRules(@DefaultValue("MOST_COMPLETE") Rule name,
                                @DefaultValue("NEWEST") Rule birthDate,
                                @DefaultValue("NEWEST") Rule sex,
                                @DefaultValue("MOST_COMPLETE") Rule address,
                                @DefaultValue("NEWEST") Rule telecoms,
                                @DefaultValue("NEWEST") Rule deceasedDate,
                                @DefaultValue("") List<String> sourceTrust) {

    public enum Rule { NEWEST, MOST_COMPLETE, MOST_TRUSTED }

    public SurvivorshipRules {
        sourceTrust = sourceTrust == null ? List.of()
                : sourceTrust.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    public static SurvivorshipRules defaults() {
        return new SurvivorshipRules(Rule.MOST_COMPLETE, Rule.NEWEST, Rule.NEWEST, Rule.MOST_COMPLETE, Rule.NEWEST,
                Rule.NEWEST, List.of());
    }

    /** 0 for the most trusted source; unlisted sources rank after every listed one. */
    int trustRank(String sourceSystem) {
        int rank = sourceTrust.indexOf(sourceSystem);
        return rank < 0 ? sourceTrust.size() : rank;
    }
}
