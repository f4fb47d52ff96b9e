package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.app.ActiveConnection;
import java.lang.reflect.Constructor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MllpExecutorTest {

    @Test
    void hapis_per_frame_task_runs_on_the_submitting_thread_and_everything_else_on_the_pool() throws Exception {
        Constructor<?> grunt = Class.forName(MllpExecutor.FRAME_TASK)
                .getDeclaredConstructor(ActiveConnection.class, String.class); // fails if HAPI renames or reshapes it
        grunt.setAccessible(true);
        Runnable frame = (Runnable) grunt.newInstance(null, "MSH|^~\\&|"); // without a connection it only logs
        ExecutorService pool = Executors.newSingleThreadExecutor();
        MllpExecutor executor = new MllpExecutor(pool);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> release.await(5, TimeUnit.SECONDS)); // the pool's one thread is busy: what goes there waits
        try {
            Future<?> inline = executor.submit(frame);
            Future<?> other = executor.submit(() -> ranOn.set(Thread.currentThread()));

            assertThat(MllpExecutor.isFrame(frame)).isTrue();
            assertThat(inline.isDone()).as("run before submit returned").isTrue();
            assertThat(other.isDone()).as("queued on the busy pool").isFalse();
            release.countDown();
            other.get(5, TimeUnit.SECONDS);
            assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        } finally {
            executor.shutdownNow();
        }
    }
}
