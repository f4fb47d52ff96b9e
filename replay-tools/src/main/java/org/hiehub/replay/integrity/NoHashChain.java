package org.hiehub.replay.integrity;

import java.util.List;

/** Where the hub cannot keep a chain: appends do nothing and {@code verify} says why, rather than pass. */
final class NoHashChain implements EventHashChain {

    private final String reason;

    NoHashChain(String reason) {
        this.reason = reason;
    }

    @Override
    public void append(List<String> eventIds) {
        // nothing to chain
    }

    @Override
    public ChainVerification verify() {
        throw new Unavailable(reason);
    }
}
