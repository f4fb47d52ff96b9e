package org.hiehub.command.ingest.hl7v2;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The MLLP listener's executor. HAPI hands every frame it reads to a new task on the listener's executor, so frames
 * that a sender wrote without waiting for each ACK were processed all at once, in any order: an A08 could be
 * stored before the A01 it corrects, ACKs came back out of order, and each frame held a thread of its own. Those
 * per-frame tasks now run on the connection's own reading thread: the frames of one connection are processed and
 * acknowledged one after the other, in the order sent, and a sender that does not wait is held back by TCP instead.
 * Everything else HAPI runs here (the acceptor, one reader per connection, its connection cleaner) goes to the pool.
 */
final class MllpExecutor extends AbstractExecutorService {

    /** HAPI's per-frame task ({@code ca.uhn.hl7v2.app.Receiver.Grunt}, private): known by name, which a test checks. */
    static final String FRAME_TASK = "ca.uhn.hl7v2.app.Receiver$Grunt";
    private final ExecutorService pool;

    MllpExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    @Override
    public Future<?> submit(Runnable task) {
        if (!isFrame(task)) {
            return pool.submit(task);
        }
        FutureTask<Object> inline = new FutureTask<>(task, null);
        inline.run();
        return inline;
    }

    @Override
    public void execute(Runnable command) {
        if (isFrame(command)) {
            command.run();
        } else {
            pool.execute(command);
        }
    }

    static boolean isFrame(Runnable task) {
        return FRAME_TASK.equals(task.getClass().getName());
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
