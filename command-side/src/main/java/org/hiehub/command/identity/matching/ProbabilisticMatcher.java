package org.hiehub.command.identity.matching;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.FieldComparison;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.index.BlockingKeys;
import org.hiehub.command.identity.index.IdentityIndex;
import org.hiehub.command.identity.index.IdentityIndex.IndexedRecord;
import org.hiehub.command.identity.matching.engine.MatchDecision;
import org.hiehub.command.identity.matching.engine.MatchEngine;
import org.hiehub.command.identity.matching.engine.MatchTier;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.hiehub.command.identity.matching.profile.MatchProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Probabilistic identity resolution (Fellegi–Sunter): scores the linked records that share a blocking key with
 * the new one, and links it to the master patient of the best candidate when that reaches the auto-link or
 * review tier. A shared SSN or same-authority MRN is the strongest evidence the model knows; a conflicting one
 * (or a different multiple-birth order) keeps the pair from linking (see {@code MatchPolicy}). When two
 * different master patients both reach a link tier, the record still joins the best one but with a confidence
 * below the auto-link threshold, so that a steward looks at it. Logs carry levels and weights, never the
 * compared values.
 */
@Component
@Primary
public class ProbabilisticMatcher implements PatientMatcher {

    private static final Logger log = LoggerFactory.getLogger(ProbabilisticMatcher.class);

    private final IdentityIndex index;
    private final BlockingKeys blockingKeys;
    private final MatchEngine engine;
    private final int maxCandidates;

    public ProbabilisticMatcher(IdentityIndex index, BlockingKeys blockingKeys, MatchEngine engine,
                                MpiProperties properties) {
        this.index = index;
        this.blockingKeys = blockingKeys;
        this.engine = engine;
        this.maxCandidates = properties.maxCandidates();
    }

    @Override
    public MatchOutcome match(SourceRecordId record, Demographics demographics) {
        MatchProfile profile = MatchProfiles.from(demographics);
        List<IndexedRecord> candidates = index.candidates(blockingKeys.of(profile), record, maxCandidates);
        if (candidates.isEmpty()) {
            return new MatchOutcome.NewPatient("no linked record shares a blocking key");
        }
        List<Ranked> ranked = bestPerMasterPatient(profile, candidates);
        Ranked best = ranked.get(0);
        log.debug("record {}: best of {} candidates {} at {} ({}); evidence {}", record.value(), candidates.size(),
                best.decision().candidateId(), Math.round(best.decision().confidence()), best.decision().tier(),
                best.decision().evidence());
        if (!best.decision().tier().links()) {
            return new MatchOutcome.NewPatient("best candidate confidence " + Math.round(best.decision().confidence())
                    + " is in tier " + best.decision().tier(), evidence(best, best.decision().tier(),
                    (int) Math.floor(best.decision().confidence())));
        }
        boolean contested = ranked.size() > 1 && ranked.get(1).decision().tier().links();
        int confidence = (int) Math.floor(best.decision().confidence());
        MatchTier tier = best.decision().tier();
        if (contested) {
            confidence = Math.min(confidence, (int) Math.ceil(engine.policy().thresholds().autoLink()) - 1);
            tier = MatchTier.REVIEW;
        }
        LinkMethod method = best.decision().identifierAgreed() ? LinkMethod.IDENTIFIER : LinkMethod.PROBABILISTIC;
        return new MatchOutcome.LinkTo(best.masterPatientId(), confidence, method, evidence(best, tier, confidence));
    }

    /** What the registration records as the decision's evidence: levels and weights, never values. */
    private static MatchOutcome.Evidence evidence(Ranked best, MatchTier tier, int confidence) {
        return new MatchOutcome.Evidence(best.masterPatientId(), SourceRecordId.of(best.decision().candidateId()),
                confidence, tier.name(), best.decision().evidence().stream()
                .map(e -> new FieldComparison(e.field(), e.level(), e.label(), e.weight())).toList());
    }

    private List<Ranked> bestPerMasterPatient(MatchProfile profile, List<IndexedRecord> candidates) {
        Map<MasterPatientId, Ranked> best = new HashMap<>();
        for (IndexedRecord candidate : candidates) {
            MatchDecision decision = engine.decide(candidate.sourceRecordId().value(), profile, candidate.profile());
            best.merge(candidate.masterPatientId(), new Ranked(candidate.masterPatientId(), decision),
                    (a, b) -> a.decision().confidence() >= b.decision().confidence() ? a : b);
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble((Ranked r) -> r.decision().confidence()).reversed()
                        .thenComparing(r -> r.masterPatientId().value()))
                .toList();
    }

    private record Ranked(MasterPatientId masterPatientId, MatchDecision decision) {
    }
}
