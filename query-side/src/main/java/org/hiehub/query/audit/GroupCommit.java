package org.hiehub.query.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: a caller hands in an item and returns only once a transaction holding it has committed. Whoever
 * holds the writer lock writes everything pending in one transaction; callers arriving meanwhile queue up, and the
 * next writer takes them all. N concurrent readers then cost about one commit (and one turn on the audit chain's
 * lock) instead of N serialised ones. A lone caller writes its own item at once: no thread hand-off, no timer.
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
        Pending<T> mine = new Pending<>(item);
        pending.add(mine);
        writer.lock();
        try {
            // Until written, our item is still queued: a writer completes what it took before it lets go of the lock.
            while (!mine.done) {
                writeBatch();
            }
        } finally {
            writer.unlock();
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
        try {
            write.accept(batch.stream().map(p -> p.item).toList());
            batch.forEach(p -> p.done = true);
        } catch (RuntimeException batchFailed) {
            for (Pending<T> one : batch) {
                try {
                    write.accept(List.of(one.item));
                } catch (RuntimeException e) {
                    one.failure = e;
                }
                one.done = true;
            }
        }
    }

    private static final class Pending<T> {
        private final T item;
        private volatile boolean done;
        private volatile RuntimeException failure;

        Pending(T item) {
            this.item = item;
        }
    }
}
