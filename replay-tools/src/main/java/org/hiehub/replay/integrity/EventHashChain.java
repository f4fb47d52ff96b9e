package org.hiehub.replay.integrity;

import java.util.List;

/**
 * Tamper evidence for the event log: a hash chain over the stored events, extended as they are appended, and
 * checked against the events as they are stored now.
 */
public interface EventHashChain {

    /** Extends the chain by these events (by event id), in this order; ids already chained are skipped. */
    void append(List<String> eventIds);

    /** Recomputes the chain from the stored events and reports the first place it breaks. */
    ChainVerification verify();

    /** The event store this hub uses cannot be verified by the hub (e.g. Axon Server keeps the events). */
    class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }
}
