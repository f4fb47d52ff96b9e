package org.hiehub.command.caching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An aggregate cache (least recently used, bounded) that only ever holds committed state. Ingestion sends several
 * commands inside one database transaction; Axon caches an aggregate when each command's own unit of work ends,
 * which is before that transaction commits. Cached then, an aggregate whose events a later rollback discarded would
 * be loaded as if they had happened. So inside a transaction an entry is dropped from the shared cache at once and
 * kept for that transaction alone (its later commands see their own writes) until the commit publishes it.
 * <p>
 * Another process appending to a cached aggregate makes the next append here fail on its sequence number; the
 * unit of work's rollback evicts the entry and the caller retries (see {@code IngestionService}).
 */
public class CommittedAggregateCache implements Cache {

    private final int capacity;
    private final Map<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public CommittedAggregateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > CommittedAggregateCache.this.capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object own = ownWrite(key);
        if (own != null) {
            return (V) own;
        }
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            remove(key);
            pending().put(key, value);
            return;
        }
        store(key, value);
    }

    private void store(Object key, Object value) {
        Object previous;
        synchronized (entries) {
            previous = entries.put(key, value);
        }
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public boolean remove(Object key) {
        Object removed;
        synchronized (entries) {
            removed = entries.remove(key);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pending().remove(key);
        }
        if (removed != null) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public void removeAll() {
        List<Object> keys;
        synchronized (entries) {
            keys = new ArrayList<>(entries.keySet());
            entries.clear();
        }
        keys.forEach(key -> listeners.forEach(l -> l.onEntryRemoved(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** What the current transaction itself last saved for the key, if anything. */
    @SuppressWarnings("unchecked")
    private Object ownWrite(Object key) {
        Object bound = TransactionSynchronizationManager.getResource(this);
        return bound == null ? null : ((Map<Object, Object>) bound).get(key);
    }

    /** Entries written in the current transaction, cached once (and only if) it commits. */
    @SuppressWarnings("unchecked")
    private Map<Object, Object> pending() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (Map<Object, Object>) bound;
        }
        Map<Object, Object> pending = new LinkedHashMap<>();
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(CommittedAggregateCache.this);
                if (status == STATUS_COMMITTED) {
                    pending.forEach(CommittedAggregateCache.this::store);
                }
            }
        });
        return pending;
    }
}
