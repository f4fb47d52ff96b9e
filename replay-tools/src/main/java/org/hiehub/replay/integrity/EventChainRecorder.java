package org.hiehub.replay.integrity;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.hiehub.projections.support.UnitOfWorkBatch;

/**
 * Keeps the hash chain current: a streaming processor of its own that sees every event once, in the order it
 * tracks them, and extends the chain by each batch in the batch's transaction. It never reads payloads (no
 * decryption); the chain hashes the stored bytes. A reset must not re-chain history (that would launder a
 * tampered event into a fresh chain), so replays skip it.
 */
@ProcessingGroup(EventChainRecorder.GROUP)
@DisallowReplay
public class EventChainRecorder {

    public static final String GROUP = "event-chain";
    private final EventHashChain chain;

    public EventChainRecorder(EventHashChain chain) {
        this.chain = chain;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        List<String> batch = UnitOfWorkBatch.current(GROUP, ArrayList::new, chain::append);
        if (batch == null) {
            chain.append(List.of(event.getIdentifier()));
        } else {
            batch.add(event.getIdentifier());
        }
    }
}
