package org.hiehub.projections.support;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The coordinator and worker threads of one pooled streaming processor, with one change to how they wait for each
 * other.
 * <p>
 * Axon's pooled processor stops reading the log when a segment's queue holds 1,024 events and looks again after a
 * fixed 100 ms (the delay is a constant in its coordinator; nothing configures it). A replay always fills its queues,
 * and so does a live processor under a burst of ingestion; the workers empty a queue long before the 100 ms are over:
 * with 2 segments a rebuild kept 0.7–0.9 of the 2 cores busy and waited the rest. So a coordinator task scheduled with
 * such a short delay is remembered, and the end of any worker task (a batch handled and committed, so room made) runs
 * it at once. Longer delays — waiting for new events or for a token claim — are left as Axon scheduled them, so an
 * idle or caught-up processor does not spin.
 */
public final class ProcessorExecutors {

    /** Axon's wait for room in a full queue; a coordinator delay up to this long is cut short by a worker. */
    public static final long ROOM_WAIT_MILLIS = 100;

    private final Coordinator coordinator;
    private final Workers workers;

    /**
     * @param coordinatorThread prefix of the coordinator's thread name
     * @param workerThreads prefix of the workers' thread names (numbered from 1)
     * @param workerCount worker threads
     */
    public ProcessorExecutors(String coordinatorThread, String workerThreads, int workerCount) {
        this.coordinator = new Coordinator(threads(coordinatorThread));
        this.workers = new Workers(Math.max(1, workerCount), threads(workerThreads), coordinator);
    }

    public ScheduledThreadPoolExecutor coordinator() {
        return coordinator;
    }

    public ScheduledThreadPoolExecutor workers() {
        return workers;
    }

    public void shutdown() {
        coordinator.shutdown();
        workers.shutdown();
    }

    public void shutdownNow() {
        coordinator.shutdownNow();
        workers.shutdownNow();
    }

    static final class Coordinator extends ScheduledThreadPoolExecutor {

        private final AtomicReference<Once> waitingForRoom = new AtomicReference<>();

        Coordinator(ThreadFactory threads) {
            super(1, threads);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (delay <= 0 || unit.toMillis(delay) > ROOM_WAIT_MILLIS) {
                return super.schedule(task, delay, unit);
            }
            Once once = new Once(task, waitingForRoom);
            waitingForRoom.set(once);
            return super.schedule(once, delay, unit);
        }

        /** Runs now the coordinator task that waits for room, if there is one; its delayed run then does nothing. */
        void roomMade() {
            Once waiting = waitingForRoom.getAndSet(null);
            if (waiting != null && !isShutdown()) {
                execute(waiting);
            }
        }
    }

    static final class Workers extends ScheduledThreadPoolExecutor {

        private final Coordinator coordinator;

        Workers(int threads, ThreadFactory factory, Coordinator coordinator) {
            super(threads, factory);
            this.coordinator = coordinator;
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            super.afterExecute(task, failure);
            coordinator.roomMade();
        }
    }

    /** A task that runs at most once, whichever comes first: its delay or a worker making room. */
    private static final class Once implements Runnable {

        private final Runnable task;
        private final AtomicReference<Once> slot;
        private final AtomicBoolean ran = new AtomicBoolean();

        Once(Runnable task, AtomicReference<Once> slot) {
            this.task = task;
            this.slot = slot;
        }

        @Override
        public void run() {
            slot.compareAndSet(this, null);
            if (ran.compareAndSet(false, true)) {
                task.run();
            }
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
