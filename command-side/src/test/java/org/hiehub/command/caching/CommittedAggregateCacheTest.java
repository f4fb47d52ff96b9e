package org.hiehub.command.caching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class CommittedAggregateCacheTest {

    final CommittedAggregateCache cache = new CommittedAggregateCache(2);

    @AfterEach
    void noTransactionLeft() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clear();
        }
    }

    @Test
    void state_written_in_a_transaction_is_cached_only_once_it_commits() {
        cache.put("sr-1", "v1");
        inTransaction(TransactionSynchronization.STATUS_COMMITTED, () -> {
            cache.put("sr-1", "v2");
            assertThat((Object) cache.get("sr-1")).as("the transaction's own write").isEqualTo("v2");
            assertThat(cache.containsKey("sr-1")).as("hidden from other transactions until committed").isFalse();
        });
        assertThat((Object) cache.get("sr-1")).isEqualTo("v2");
    }

    @Test
    void a_rolled_back_transaction_leaves_nothing_of_its_state_in_the_cache() {
        cache.put("sr-1", "v1");
        inTransaction(TransactionSynchronization.STATUS_ROLLED_BACK, () -> cache.put("sr-1", "v2"));
        assertThat((Object) cache.get("sr-1")).as("neither the stale entry nor the discarded one").isNull();
    }

    @Test
    void the_least_recently_used_entry_goes_first() {
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
    }

    private static void inTransaction(int outcome, Runnable work) {
        TransactionSynchronizationManager.initSynchronization();
        work.run();
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, outcome);
        TransactionSynchronizationManager.clear();
    }
}
