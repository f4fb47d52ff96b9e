package org.hiehub.projections.support;

import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Write-behind for projections: a streaming processor handles a whole batch of events in one unit of work, so
 * writes collected in it can go to MongoDB as one bulk write just before the batch commits (and before its token
 * is stored). A failed flush fails the batch, which is retried; the writes are idempotent. AxonIQ's guidance:
 * batching is what makes replays fast.
 * <p>
 * Batches flush by {@link Phase}, and within a phase in the order they were first used: a document derived from
 * the batch's writes (a record's clinical summary) is computed after them whichever event of the batch came
 * first, and an erased person's documents are deleted after both.
 */
public final class UnitOfWorkBatch {

    /** When a batch flushes relative to the others of its unit of work. */
    public enum Phase {
        /** the documents the events themselves write */
        WRITES,
        /** documents computed from what the writes left in the read store */
        DERIVED,
        /** deletions for erased people, after anything that could write their data back */
        ERASURE
    }

    private static final String FLUSHES = UnitOfWorkBatch.class.getName() + ".flushes";

    private UnitOfWorkBatch() {
    }

    /**
     * The batch collected under {@code key} in the current unit of work, created (and its flush registered) on
     * first use; null when no unit of work is active — the caller then writes at once, as plain-object tests do.
     */
    public static <B> B current(String key, Supplier<B> create, Consumer<B> flush) {
        return current(key, Phase.WRITES, create, flush);
    }

    /** As {@link #current(String, Supplier, Consumer)}, flushed in the given phase. */
    public static <B> B current(String key, Phase phase, Supplier<B> create, Consumer<B> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        B existing = root.getResource(key);
        if (existing != null) {
            return existing;
        }
        // not inside getOrComputeResource: registering the flush computes another resource of the same map
        Flushes flushes = flushes(root);
        B batch = create.get();
        flushes.add(phase, () -> flush.accept(batch));
        root.resources().put(key, batch);
        return batch;
    }

    private static Flushes flushes(UnitOfWork<?> root) {
        return root.getOrComputeResource(FLUSHES, k -> {
            Flushes flushes = new Flushes();
            root.onPrepareCommit(u -> flushes.run());
            return flushes;
        });
    }

    /** The unit of work's flushes, run lowest phase first; a flush may start another batch, which still runs. */
    private static final class Flushes {
        private final PriorityQueue<Pending> queue = new PriorityQueue<>();
        private long registered;

        void add(Phase phase, Runnable flush) {
            queue.add(new Pending(phase, registered++, flush));
        }

        void run() {
            for (Pending next = queue.poll(); next != null; next = queue.poll()) {
                next.flush().run();
            }
        }
    }

    private record Pending(Phase phase, long order, Runnable flush) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byPhase = phase.compareTo(other.phase);
            return byPhase != 0 ? byPhase : Long.compare(order, other.order);
        }
    }
}
