package org.hiehub.hub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hiehub.command.identity.matching.blocking.BlockingKeyGenerator;
import org.hiehub.command.identity.matching.blocking.InMemoryBlockingIndex;
import org.hiehub.command.identity.matching.engine.MatchEngine;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * The hub's matching path with the PostgreSQL index replaced by an in-memory one: blocking keys, the best-ranked
 * candidates, then the engine's score for each. Used by {@code match-eval} and {@code match-bench}.
 */
final class InMemoryMatcher {

    /** One scored candidate: its number in the index and the engine's score. */
    record Scored(int candidate, MatchEngine.Score score) {
    }

    private final BlockingKeyGenerator keys = new BlockingKeyGenerator();
    private final InMemoryBlockingIndex index;
    private final List<MatchProfile> indexed = new ArrayList<>();
    private final int maxCandidates;

    InMemoryMatcher(int maxBlockSize, int maxCandidates) {
        this.index = new InMemoryBlockingIndex(maxBlockSize);
        this.maxCandidates = maxCandidates;
    }

    /** Files a profile; its number is its position in insertion order. */
    int add(MatchProfile profile) {
        index.add(indexed.size(), keys.keys(profile));
        indexed.add(profile);
        return indexed.size() - 1;
    }

    MatchProfile profile(int number) {
        return indexed.get(number);
    }

    int size() {
        return indexed.size();
    }

    int[] candidates(MatchProfile incoming) {
        Set<String> incomingKeys = keys.keys(incoming);
        return index.candidates(incomingKeys, maxCandidates);
    }

    List<Scored> match(MatchProfile incoming, MatchEngine engine) {
        int[] candidates = candidates(incoming);
        List<Scored> scored = new ArrayList<>(candidates.length);
        for (int candidate : candidates) {
            scored.add(new Scored(candidate, engine.score(incoming, indexed.get(candidate))));
        }
        return scored;
    }
}
