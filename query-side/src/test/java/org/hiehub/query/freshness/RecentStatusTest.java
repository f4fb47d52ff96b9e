package org.hiehub.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hiehub.projections.status.ProjectionStatus;
import org.junit.jupiter.api.Test;

class RecentStatusTest {

    /** Counts reads; a read blocks while {@link #hold} is closed. */
    private static final class CountedStatus extends ProjectionStatus {
        final AtomicInteger reads = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile CountDownLatch reading = new CountDownLatch(1);

        CountedStatus() {
            super(mock(MongoDatabase.class));
        }

        @Override
        public Snapshot snapshot() {
            reads.incrementAndGet();
            reading.countDown();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Snapshot(Map.of());
        }
    }

    @Test
    void a_snapshot_is_shared_while_young_and_when_it_ages_one_request_reads_while_the_others_keep_it()
            throws Exception {
        CountedStatus status = new CountedStatus();
        RecentStatus recent = new RecentStatus(status, 1000);
        RecentStatus.Taken first = recent.get();
        assertThat(recent.get()).isSameAs(first);
        assertThat(status.reads).hasValue(1);

        Thread.sleep(1100); // aged, within the grace of another 1000 ms
        status.hold = new CountDownLatch(1);
        status.reading = new CountDownLatch(1);
        CompletableFuture<RecentStatus.Taken> reader = CompletableFuture.supplyAsync(recent::get);
        assertThat(status.reading.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(recent.get()).as("kept while another request reads").isSameAs(first);
        assertThat(recent.get()).isSameAs(first);
        assertThat(status.reads).as("one read for the aged snapshot").hasValue(2);

        status.hold.countDown();
        RecentStatus.Taken second = reader.get(5, TimeUnit.SECONDS);
        assertThat(second).isNotSameAs(first);
        assertThat(recent.get()).as("the new one is shared").isSameAs(second);
    }

    @Test
    void past_twice_its_age_nobody_is_answered_from_the_old_snapshot() throws Exception {
        CountedStatus status = new CountedStatus();
        RecentStatus recent = new RecentStatus(status, 50);
        RecentStatus.Taken first = recent.get();
        Thread.sleep(150);
        status.hold = new CountDownLatch(1);
        status.reading = new CountDownLatch(1);
        CompletableFuture<RecentStatus.Taken> reader = CompletableFuture.supplyAsync(recent::get);
        assertThat(status.reading.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<RecentStatus.Taken> other = CompletableFuture.supplyAsync(recent::get);
        Thread.sleep(100);
        assertThat(other).as("reads for itself rather than take a snapshot 150 ms old").isNotDone();
        status.hold.countDown();
        assertThat(other.get(5, TimeUnit.SECONDS)).isNotSameAs(first);
        assertThat(reader.get(5, TimeUnit.SECONDS)).isNotSameAs(first);
    }
}
