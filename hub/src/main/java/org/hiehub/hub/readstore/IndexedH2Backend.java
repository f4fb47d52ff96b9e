package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend (the embedded read store that keeps its data on disk) with the indexes the hub's
 * queries need to stay fast as the store grows: {@code _id} served from the data map ({@link H2IdIndex}), non-unique
 * indexes held in memory ({@link SecondaryIndex}), and filters that name more fields than an index narrowed by it
 * ({@link IndexPlanner}), and documents kept in H2's pages as BSON ({@link ReadStoreFile}). Query results are the
 * library's own: an index only chooses which documents it checks.
 * The map names are the library's (pinned version; the store's reopen test would catch a change).
 */
public class IndexedH2Backend extends H2Backend {

    /** What to tell the operator when {@link #closedUncleanly()}. */
    public static final String CLOSED_UNCLEANLY = "The embedded read store was not closed by the process that used it "
            + "before (killed, or the machine lost power): its last second or so of view writes may be missing while "
            + "the projections' tokens are past them.";
    private final boolean closedUncleanly;

    /**
     * @param cacheMegabytes H2's page cache (its default, 16 MB, made every read of a larger store deserialize
     *                       pages)
     */
    public IndexedH2Backend(String fileName, int cacheMegabytes) {
        super(ReadStoreFile.open(fileName, cacheMegabytes));
        closedUncleanly = ReadStoreFile.markInUse(getMvStore());
    }

    /** The process that used the file before ended without closing it (see {@link ReadStoreFile#markInUse}). */
    public boolean closedUncleanly() {
        return closedUncleanly;
    }

    /** How the file is used now, for the operator's gauges; {@code null} once the store is closed. */
    public FileUse fileUse() {
        MVStore store = getMvStore();
        if (store.isClosed()) {
            return null;
        }
        FileStore<?> file = store.getFileStore();
        return new FileUse(file.size(), file.getFillRate(), file.getChunksFillRate(),
                store.getCacheSizeUsed() * 1024L * 1024L);
    }

    /**
     * @param bytes             the file's length
     * @param fileFillPercent   the share of the file that chunks occupy (the rest is free space H2 reuses)
     * @param chunksFillPercent the share of those chunks' bytes that are pages still in use (the rest were
     *                          rewritten elsewhere and wait for H2 to compact their chunks away)
     * @param cacheBytes        the page cache in use
     */
    public record FileUse(long bytes, int fileFillPercent, int chunksFillPercent, long cacheBytes) {
    }

    @Override
    public void close() {
        ReadStoreFile.markClosed(getMvStore());
        super.close();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /** An inner class: the library opens collections from its constructor, before a field of ours could be set. */
    private final class Database extends H2Database {

        Database(String name, CursorRegistry cursors) {
            super(name, getMvStore(), cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            return new Collection(this, collectionName, options, ReadStoreFile.collection(getMvStore(), namespace),
                    getMvStore().openMap("meta." + namespace), cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            if (keys.size() == 1 && "_id".equals(keys.get(0).getKey())) {
                return new H2IdIndex(indexName, keys,
                        ReadStoreFile.collection(getMvStore(), getFullCollectionNamespace(collectionName)));
            }
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex<>(indexName, keys, sparse);
        }
    }

    /**
     * The library updates a document by changing the object it read from the store in place and then putting it
     * back, as suits its in-memory backend. Here that object is the one H2 holds in its page, which the background
     * writer may be serializing at that moment: a {@code ConcurrentModificationException} there makes H2 close the
     * whole store for the rest of the process (seen under a benchmark's load: every view and read failed from then
     * on), and a page written mid-change holds half an update. So the documents an update reads are copies; reads
     * that change nothing still get the stored objects.
     */
    private static final class Collection extends H2Collection {

        private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> false);

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        public Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                        boolean multi, boolean upsert, Oplog oplog) {
            return readingCopies(() -> super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog));
        }

        @Override
        public Document findAndModify(Document query) {
            return readingCopies(() -> super.findAndModify(query));
        }

        private static Document readingCopies(Supplier<Document> update) {
            UPDATING.set(true);
            try {
                return update.get();
            } finally {
                UPDATING.set(false);
            }
        }

        @Override
        protected Document getDocument(Object position) {
            Document stored = super.getDocument(position);
            return UPDATING.get() && stored != null ? stored.cloneDeeply() : stored;
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            Stream<DocumentWithPosition<Object>> stored = super.streamAllDocumentsWithPosition();
            return UPDATING.get() ? stored.map(d -> new DocumentWithPosition<>(d.getDocument().cloneDeeply(),
                    d.getPosition())) : stored;
        }

        /**
         * The library keeps a running data size for {@code collStats}, which the hub never asks for, by encoding
         * every inserted, updated and deleted document to BSON once more just to count its bytes: a tenth of the
         * store's CPU while a rebuild inserts. ({@code collStats} then reports a size that no longer moves.)
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** See {@link H2IdIndex#firstInIdOrder}; {@code null} when it does not apply. */
        private Iterable<Object> firstInIdOrder(Document query, Document orderBy, int skip, int limit) {
            if (limit <= 0 || orderBy == null || !orderBy.containsKey("_id")) {
                return null; // the common unplanned read: not a keyset page, so nothing to flatten or look up
            }
            for (Index<Object> index : getIndexes()) {
                if (index instanceof H2IdIndex ids) {
                    int wanted = (int) Math.min(Integer.MAX_VALUE, (long) skip + limit);
                    return ids.firstInIdOrder(IndexPlanner.flatten(query), orderBy, wanted,
                            d -> documentMatchesQuery(d, query));
                }
            }
            return null;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            return IndexPlanner.answer(getIndexes(), query, getCollectionName(),
                    IndexPlanner.scanned(query, orderBy, skip, limit, count()),
                    () -> firstInIdOrder(query, orderBy, skip, limit),
                    () -> super.queryDocuments(query, orderBy, skip, limit, batchSize, projection),
                    (rest, candidates) -> matchDocuments(rest, candidates, orderBy, skip, limit, batchSize,
                            projection));
        }
    }
}
