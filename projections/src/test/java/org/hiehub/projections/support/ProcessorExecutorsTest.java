package org.hiehub.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessorExecutorsTest {

    private final ProcessorExecutors executors = new ProcessorExecutors("test-coordinator", "test-worker", 2);

    @AfterEach
    void stop() {
        executors.shutdownNow();
    }

    @Test
    void a_coordinator_waiting_for_room_runs_as_soon_as_a_worker_finished_and_only_once() throws Exception {
        executors.coordinator().prestartAllCoreThreads();
        executors.workers().prestartAllCoreThreads();
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean delayOver = new AtomicBoolean(true);
        CountDownLatch ran = new CountDownLatch(1);
        executors.coordinator().schedule(() -> {
            runs.incrementAndGet();
            // The delayed run still waits in the queue: the worker started this one, not the end of the delay.
            delayOver.set(executors.coordinator().getQueue().isEmpty());
            ran.countDown();
        }, ProcessorExecutors.ROOM_WAIT_MILLIS, TimeUnit.MILLISECONDS);

        executors.workers().submit(() -> { }).get();

        assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(delayOver).isFalse();
        Thread.sleep(ProcessorExecutors.ROOM_WAIT_MILLIS * 2);
        assertThat(runs).hasValue(1);
    }

    @Test
    void a_coordinator_waiting_for_events_or_a_claim_keeps_its_delay() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        executors.coordinator().schedule(ran::countDown, 500, TimeUnit.MILLISECONDS);

        executors.workers().submit(() -> { }).get();

        assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void without_a_worker_the_wait_for_room_ends_after_its_delay() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        executors.coordinator().schedule(ran::countDown, ProcessorExecutors.ROOM_WAIT_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(ProcessorExecutors.ROOM_WAIT_MILLIS - 5);
    }
}
