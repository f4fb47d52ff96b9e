package org.hiehub.query.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: a caller hands in an item and returns only once a transaction holding it has committed. Whoever
 * holds the writer lock writes everything pending in one transaction; callers arriving meanwhile queue up, and the
 * next writer takes them all. N concurrent readers then cost about one commit (and one turn on the audit chain's
 * lock) instead of N serialised ones. A lone caller writes its own item at once: no thread hand-off, no timer.
 *
 * <p>Callers whose items a writer took wait parked and are woken by that writer as soon as their batch has
 * committed, all at once; they never queue on the lock just to learn they are done. A writer whose own item is
 * written hands the lock on to the caller of the oldest item still queued, so no caller waits behind another's
 * reply, and whenever the lock is let go with items queued one of their callers is woken to write them.
 *
 * <p>A batch that fails is retried item by item, so one bad entry fails only its own request.
 */
final class GroupCommit<T> {

    private final Queue<Pending<T>> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Consumer<List<T>> write;
    private final int maxBatch;

    GroupCommit(Consumer<List<T>> write, int maxBatch) {
        this.write = write;
        this.maxBatch = maxBatch;
    }

    /** Returns once {@code item} is committed; throws what its write threw otherwise. */
    void submit(T item) {
        Pending<T> mine = new Pending<>(item, Thread.currentThread());
        pending.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (writer.tryLock()) {
                try {
                    // Until written, our item is still queued: a writer completes what it took before it lets go.
                    while (!mine.done) {
                        writeBatch();
                    }
                } finally {
                    writer.unlock();
                }
                // Queued before our unlock means seen here (both sides are volatile): its caller writes it next.
                Pending<T> next = pending.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                LockSupport.park(this); // woken when our batch commits, or when the lock is handed to us
                interrupted |= Thread.interrupted(); // or parking would return at once: the entry is written first
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void writeBatch() {
        List<Pending<T>> batch = new ArrayList<>();
        for (Pending<T> next; batch.size() < maxBatch && (next = pending.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean settled = false;
        try {
            try {
                write.accept(batch.stream().map(p -> p.item).toList());
            } catch (RuntimeException batchFailed) {
                for (Pending<T> one : batch) {
                    try {
                        write.accept(List.of(one.item));
                    } catch (RuntimeException e) {
                        one.failure = e;
                    }
                }
            }
            settled = true;
        } finally {
            for (Pending<T> one : batch) {
                if (!settled && one.failure == null) { // an Error: nobody may take their entry as written
                    one.failure = new IllegalStateException("the audit write holding this entry did not complete");
                }
                one.complete();
            }
        }
    }

    private static final class Pending<T> {
        private final T item;
        private final Thread caller;
        private volatile boolean done;
        private volatile RuntimeException failure;

        Pending(T item, Thread caller) {
            this.item = item;
            this.caller = caller;
        }

        void complete() {
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
