package org.hiehub.hub.operations.segments;

import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;

/**
 * The most segments each pooled streaming processor of this process may hold, as the {@link SegmentBalancer} last
 * worked it out. Axon's coordinator asks at every claim round (each {@code tokenClaimInterval}, 5 s by default):
 * holding more, it releases the surplus and leaves it alone for one interval, so another process can claim it;
 * holding less, it claims free segments up to the share. A processor without a share (no balancer running, or its
 * segments not initialised yet) may hold them all — Axon's default, and the single-process behaviour.
 */
public final class SegmentShares implements MaxSegmentProvider {

    private volatile Map<String, SegmentShare> shares = Map.of();

    @Override
    public int getMaxSegments(String processor) {
        SegmentShare share = shares.get(processor);
        return share == null ? Short.MAX_VALUE : share.target();
    }

    public Optional<SegmentShare> of(String processor) {
        return Optional.ofNullable(shares.get(processor));
    }

    void replaceWith(Map<String, SegmentShare> newShares) {
        shares = Map.copyOf(newShares);
    }
}
