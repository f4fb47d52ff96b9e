package org.hiehub.command.identity.matching;

import org.hiehub.command.identity.matching.engine.MatchPolicy;
import org.hiehub.command.identity.matching.engine.MatchThresholds;
import org.hiehub.command.identity.matching.engine.MatchTier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Master Patient Index settings ({@code hub.mpi.*}).
 *
 * @param autoLink confidence (0–100) from which a record links without review; brief: 95
 * @param review confidence from which it links and is flagged for review; brief: 80
 * @param suggest confidence from which a candidate is suggested to the steward; brief: 60
 * @param conflictCap best tier when SSNs, same-authority MRNs or multiple-birth orders conflict
 *        (SUGGEST: never link; AUTO_LINK: no cap)
 * @param maxCandidates candidates scored per incoming record, those sharing most blocking keys first
 * @param model Spring resource with the Fellegi–Sunter m/u parameters ({@code match-eval --save-model} writes one)
 */
@ConfigurationProperties("hub.mpi")
public record MpiProperties(@DefaultValue("95") double autoLink,
                            @DefaultValue("80") double review,
                            @DefaultValue("60") double suggest,
                            @DefaultValue("SUGGEST") MatchTier conflictCap,
                            @DefaultValue("50") int maxCandidates,
                            @DefaultValue("classpath:mpi/default-model.properties") String model) {

    public MatchPolicy policy() {
        return new MatchPolicy(new MatchThresholds(autoLink, review, suggest), conflictCap);
    }
}
