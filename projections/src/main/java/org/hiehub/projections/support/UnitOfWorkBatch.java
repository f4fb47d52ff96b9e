package org.hiehub.projections.support;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Write-behind for projections: a streaming processor handles a whole batch of events in one unit of work, so
 * writes collected in it can go to MongoDB as one bulk write just before the batch commits (and before its token
 * is stored). A failed flush fails the batch, which is retried; the writes are idempotent. AxonIQ's guidance:
 * batching is what makes replays fast.
 */
public final class UnitOfWorkBatch {

    private UnitOfWorkBatch() {
    }

    /**
     * The batch collected under {@code key} in the current unit of work, created (and its flush registered) on
     * first use; null when no unit of work is active — the caller then writes at once, as plain-object tests do.
     */
    public static <B> B current(String key, Supplier<B> create, Consumer<B> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(key, k -> {
            B batch = create.get();
            root.onPrepareCommit(u -> flush.accept(batch));
            return batch;
        });
    }
}
