package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
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
    /** Ids that are not strings (object ids), counted once at the first ordered read; -1 until then. */
    private long notStrings = -1;

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
        // the data map is the index; only the count of ids that are not strings, once known, is kept here
        if (notStrings >= 0 && !(document.get("_id") instanceof String)) {
            notStrings++;
        }
    }

    @Override
    public Object remove(Document document) {
        if (notStrings >= 0 && !(document.get("_id") instanceof String)) {
            notStrings--;
        }
        return document.get("_id");
    }

    /**
     * The positions of the first {@code wanted} documents that {@code matches} accepts, in the {@code _id} order of
     * {@code orderBy} ({@code {_id: 1}} or {@code {_id: -1}}), read from the data map in its key order and starting
     * at the bound of the query's {@code _id} range ({@code $gt}/{@code $gte} ascending, {@code $lt}/{@code $lte}
     * descending) when it has one: a keyset page ({@code _id > last}, sorted by {@code _id}, limited) reads its page,
     * where the library's scan read and sorted the whole collection for every page. {@code null} when this does not
     * apply: another order, no limit, or an id that is not a string, since H2 orders its keys by type before value
     * and the library sorts strings as Java compares them, which is H2's order for strings alone.
     * Called under the collection's lock, as every index method is.
     */
    Iterable<Object> firstInIdOrder(Document query, Document orderBy, int wanted, Predicate<Document> matches) {
        Boolean reverse = idOrder(orderBy);
        if (reverse == null || wanted <= 0 || !onlyStringIds()) {
            return null;
        }
        Document range = query.get("_id") instanceof Document operators ? operators : new Document();
        Object lower = bound(range, "$gt", "$gte");
        Object upper = bound(range, "$lt", "$lte");
        List<Object> positions = new ArrayList<>(Math.min(wanted, 1_024));
        Cursor<Object, Document> cursor = reverse ? data.cursor(upper, lower, true) : data.cursor(lower, upper, false);
        while (positions.size() < wanted && cursor.hasNext()) {
            Object id = cursor.next();
            if (matches.test(cursor.getValue())) {
                positions.add(id);
            }
        }
        return positions;
    }

    /** A string bound of a range (inclusive: the exclusive one's own key is then refused by the query's check). */
    private static String bound(Document range, String exclusive, String inclusive) {
        Object value = range.get(exclusive) != null ? range.get(exclusive) : range.get(inclusive);
        return value instanceof String text ? text : null;
    }

    /** {@code false} for {@code {_id: 1}}, {@code true} for {@code {_id: -1}}, else {@code null}. */
    private static Boolean idOrder(Document orderBy) {
        if (orderBy == null || orderBy.size() != 1 || !(orderBy.get("_id") instanceof Number direction)) {
            return null;
        }
        return direction.intValue() == 1 ? Boolean.FALSE : direction.intValue() == -1 ? Boolean.TRUE : null;
    }

    private boolean onlyStringIds() {
        if (notStrings < 0) {
            long counted = 0;
            for (Iterator<Object> ids = data.keyIterator(null); ids.hasNext(); ) {
                counted += ids.next() instanceof String ? 0 : 1;
            }
            notStrings = counted;
        }
        return notStrings == 0;
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
