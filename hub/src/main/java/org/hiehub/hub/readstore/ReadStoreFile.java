package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded read store's H2 file, whose collections hold their documents as BSON ({@link BsonDocumentType}).
 * A file written before that (documents Java-serialized, no format mark) is converted once when it is opened:
 * each collection is copied into a new map, committed as it goes, and the copies replace the originals and the file
 * is marked in one final commit. A conversion cut off before that commit leaves the original collections as they
 * were; the next open throws the partial copies away and starts again.
 */
final class ReadStoreFile {

    private static final String DATA_PREFIX = "databases.";
    private static final Logger log = LoggerFactory.getLogger(ReadStoreFile.class);
    private static final String FORMAT_MAP = "hiehub.format";
    private static final String FORMAT_KEY = "documents";
    private static final String BSON = "bson-1";
    private static final String SHUTDOWN_KEY = "shutdown";
    private static final String COPY_PREFIX = "converting.";
    private static final int COMMIT_EVERY = 5_000;

    private ReadStoreFile() {
    }

    static MVStore open(String fileName, int cacheMegabytes) {
        convertIfOlder(fileName);
        return new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open();
    }

    /**
     * Marks the file as in use (committed at once) and tells whether the process that used it before ended without
     * closing it: killed, or the machine lost power. Its last second or so of view writes may then be missing while
     * the projections' tokens, committed in PostgreSQL, are past them. A file from before the mark says nothing.
     */
    static boolean markInUse(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        boolean leftInUse = "in-use".equals(format.put(SHUTDOWN_KEY, "in-use"));
        store.commit();
        return leftInUse;
    }

    /** Marks the file as closed cleanly; the close's own commit writes the mark with the last pages. */
    static void markClosed(MVStore store) {
        if (!store.isClosed()) {
            store.<String, String>openMap(FORMAT_MAP).put(SHUTDOWN_KEY, "closed");
        }
    }

    /** The documents of the collection {@code namespace} ("database.collection"), keyed by {@code _id}. */
    static MVMap<Object, Document> collection(MVStore store, String namespace) {
        return data(store, DATA_PREFIX + namespace);
    }

    /** A data map's documents, keyed by {@code _id}; every open of a data map must come through here. */
    static MVMap<Object, Document> data(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
    }

    private static void convertIfOlder(String fileName) {
        MVStore store = new MVStore.Builder().fileName(fileName).autoCommitDisabled().open();
        try {
            MVMap<String, String> format = store.openMap(FORMAT_MAP);
            if (BSON.equals(format.get(FORMAT_KEY))) {
                return;
            }
            for (String name : List.copyOf(store.getMapNames())) {
                if (name.startsWith(COPY_PREFIX)) {
                    store.removeMap(name);
                }
            }
            List<String> collections = store.getMapNames().stream().filter(n -> n.startsWith(DATA_PREFIX)).toList();
            if (!collections.isEmpty()) {
                log.info("Converting the embedded read store's {} collections to BSON pages (once)",
                        collections.size());
            }
            for (String name : collections) {
                copy(store, name);
            }
            for (String name : collections) {
                store.removeMap(name);
                store.renameMap(data(store, COPY_PREFIX + name), name);
            }
            format.put(FORMAT_KEY, BSON);
            store.commit();
        } finally {
            store.close();
        }
    }

    private static void copy(MVStore store, String name) {
        MVMap<Object, Object> original = store.openMap(name);
        MVMap<Object, Document> copy = data(store, COPY_PREFIX + name);
        long copied = 0;
        for (Map.Entry<Object, Object> entry : original.entrySet()) {
            copy.put(entry.getKey(), (Document) entry.getValue());
            if (++copied % COMMIT_EVERY == 0) {
                store.commit();
            }
        }
        store.commit();
        log.info("Converted {}: {} documents", name.substring(DATA_PREFIX.length()), copied);
    }
}
