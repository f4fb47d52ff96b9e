package org.hiehub.projections.support;

import java.util.ArrayList;
import java.util.List;

/**
 * How a projection forgets an erased person ({@code PersonErased}). The deletion must come after every write the
 * person's earlier events left pending in the same processor batch (see {@link UnitOfWorkBatch}), or a replay that
 * sees the facts and the erasure in one batch would write the facts back after deleting them: the deletion runs in
 * the batch's last flush phase, after every write and derived document. Facts handled by another segment (another
 * thread or process) after the erasure are a different matter: see {@link ErasedRecords}.
 */
public final class Erasure {

    private Erasure() {
    }

    /** Runs {@code deletion} after the batch's pending writes, or at once outside a unit of work (tests). */
    public static void afterPendingWrites(String projection, Runnable deletion) {
        List<Runnable> deletions = UnitOfWorkBatch.current("erasure:" + projection,
                UnitOfWorkBatch.Phase.ERASURE, ArrayList::new,
                pending -> pending.forEach(Runnable::run));
        if (deletions == null) {
            deletion.run();
        } else {
            deletions.add(deletion);
        }
    }
}
