package org.hiehub.projections.support;

import com.mongodb.client.MongoDatabase;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link ErasedRecords} for a projection whose events write through several batches (documents, record index,
 * derived summaries) rather than one flush of its own: a fact of a record known to be tombstoned is skipped
 * ({@link #erased}, from memory: see {@link ErasedRecords#known}), and the records a batch wrote ({@link #wrote})
 * are checked against the store in its last flush phase, after its writes, index and derived documents, and
 * forgotten if another segment or process erased them meanwhile.
 */
public final class ErasureGuard {

    private final String name;
    private final String writtenKey;
    private final ErasedRecords erased;
    private final Consumer<Collection<String>> forget;

    /**
     * @param name   the projection's name (one guard per projection and store)
     * @param forget deletes what the projection holds of the records, as its {@code PersonErased} handler does
     */
    private ErasureGuard(String name, ErasedRecords erased, Consumer<Collection<String>> forget) {
        this.name = name;
        this.writtenKey = "erasure-guard-written:" + name;
        this.erased = erased;
        this.forget = forget;
    }

    /** A guard whose tombstones are the read store's collection {@code tombstones} (a projection's own). */
    public static ErasureGuard over(MongoDatabase readStore, String name, String tombstones,
                                    Consumer<Collection<String>> forget) {
        return new ErasureGuard(name, new ErasedRecords(() -> readStore.getCollection(tombstones)), forget);
    }

    /** True when the record is known to be erased: its fact is to be left out. */
    public boolean erased(String sourceRecordId) {
        return !erased.known(List.of(sourceRecordId)).isEmpty();
    }

    /** The projection wrote something of the record in this batch. */
    public void wrote(String sourceRecordId) {
        Set<String> written = UnitOfWorkBatch.current(writtenKey,
                UnitOfWorkBatch.Phase.ERASURE, LinkedHashSet::new, this::recheck);
        if (written == null) {
            recheck(Set.of(sourceRecordId));
        } else {
            written.add(sourceRecordId);
        }
    }

    /**
     * A {@code PersonErased}: after the batch's pending writes (see {@link Erasure}), the tombstones — for facts
     * another segment has yet to reach — then what the projection holds of the ids ({@code forget}).
     */
    public void erase(Collection<String> ids) {
        Erasure.afterPendingWrites(name, () -> {
            erased.erase(ids);
            forget.accept(ids);
        });
    }

    public void clear() {
        erased.clear();
    }

    private void recheck(Set<String> written) {
        Set<String> gone = erased.among(written);
        if (!gone.isEmpty()) {
            forget.accept(gone);
        }
    }
}
