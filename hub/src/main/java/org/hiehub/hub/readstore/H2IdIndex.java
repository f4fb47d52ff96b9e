package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * The {@code _id} index of an H2-backed collection, answered from the collection's own data map, which H2 already
 * keys by {@code _id}. The library's own unique index keeps a second map whose keys H2 can only compare by
 * Java-serializing both sides, on every step of every lookup and insert: most of the embedded read store's CPU
 * went there. Ids are compared as stored, so numeric ids (where MongoDB takes 1 and 1.0 as equal; the hub uses
 * none) are refused rather than guessed.
 */
final class H2IdIndex extends Index<Object> {

    private final MVMap<Object, Document> data;

    H2IdIndex(String name, List<IndexKey> keys, MVMap<Object, Document> data) {
        super(name, keys, false);
        this.data = data;
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public boolean canHandle(Document query) {
        if (query.size() != 1 || !query.containsKey("_id")) {
            return false;
        }
        Object id = query.get("_id");
        return isKey(id) || id instanceof Document operator && operator.size() == 1
                && operator.get("$in") instanceof List<?> ids && ids.stream().allMatch(H2IdIndex::isKey);
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Object id = query.get("_id");
        List<?> ids = id instanceof Document operator ? (List<?>) operator.get("$in") : List.of(id);
        Set<Object> positions = new LinkedHashSet<>();
        for (Object candidate : ids) {
            if (data.containsKey(candidate)) {
                positions.add(candidate); // a set: an id listed twice is one document, as in MongoDB
            }
        }
        return positions;
    }

    @Override
    public Object getPosition(Document document) {
        Object id = document.get("_id");
        return id != null && data.containsKey(id) ? id : null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        Object id = document.get("_id");
        if (!isKey(id)) {
            throw new IllegalArgumentException("the embedded read store takes a string or ObjectId _id, not "
                    + (id == null ? "none" : id.getClass().getSimpleName()));
        }
        if (data.containsKey(id)) {
            throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(id));
        }
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        // the data map is the index
    }

    @Override
    public Object remove(Document document) {
        return document.get("_id");
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // _id is immutable: the store refuses an update that changes it before asking the indexes
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
    }

    @Override
    public long getCount() {
        return data.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
    }

    private static boolean isKey(Object id) {
        return id instanceof String || id instanceof ObjectId;
    }
}
