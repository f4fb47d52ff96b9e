package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.List;
import java.util.Set;

/**
 * The {@code _id} index of an in-memory collection, keyed as the library keys it. The library derives a document's
 * key by splitting each indexed path with a regular expression and streaming over the parts, twice per insert (check,
 * then add): about a sixth of the embedded store's CPU while a rebuild inserts. A string or ObjectId {@code _id} (all
 * the hub writes) is its own key, unchanged by the library's normalisation, so it is taken as is; any other id goes
 * the library's way.
 */
final class MemoryIdIndex extends MemoryUniqueIndex {

    MemoryIdIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    static boolean isIdIndex(List<IndexKey> keys) {
        return keys.size() == 1 && "_id".equals(keys.get(0).getKey());
    }

    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        Object id = document.get("_id");
        if (id instanceof String || id instanceof ObjectId) {
            return Set.of(new KeyValue(id));
        }
        return super.getKeyValues(document);
    }
}
