package org.hiehub.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void concurrent_callers_share_transactions_and_each_returns_only_after_its_own_item_is_written() throws Exception {
        List<List<Integer>> transactions = Collections.synchronizedList(new ArrayList<>());
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        GroupCommit<Integer> commit = new GroupCommit<>(batch -> {
            sleep(5); // a commit takes a while, so callers arriving meanwhile queue up
            transactions.add(List.copyOf(batch));
            committed.addAll(batch);
        }, 100);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int item = i;
            answers.add(callers.submit(() -> {
                start.await();
                commit.submit(item);
                return committed.contains(item); // written by the time submit returns
            }));
        }
        start.countDown();
        for (Future<Boolean> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
        }
        callers.shutdown();

        assertThat(transactions.stream().mapToInt(List::size).sum()).as("each item written once").isEqualTo(400);
        assertThat(committed).hasSize(400);
        assertThat(transactions.size()).as("fewer transactions than items").isLessThan(400);
    }

    @Test
    void a_failing_item_fails_only_its_own_caller() {
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>(batch -> {
            if (batch.contains(13)) {
                throw new IllegalStateException("refused");
            }
            written.addAll(batch);
        }, 100);

        commit.submit(1);
        assertThatThrownBy(() -> commit.submit(13)).hasMessage("refused");
        commit.submit(2);

        assertThat(written).containsExactly(1, 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
