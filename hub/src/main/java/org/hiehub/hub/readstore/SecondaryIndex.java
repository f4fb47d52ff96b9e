package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A non-unique index for the embedded read store, which otherwise accepts {@code createIndex} on non-unique keys
 * and ignores it, answering every such query with a full scan. Held in memory and filled from the collection when
 * the store opens (the library fills an empty index on registration). It answers equality on string values and
 * {@code $in} of strings, and on one field a prefix ({@code ^literal}); anything else stays with the scan, so it can
 * only make a query faster, never different.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Pattern QUOTED_PREFIX = Pattern.compile("\\^\\\\Q(.*)\\\\E", Pattern.DOTALL);
    private static final Pattern PLAIN_PREFIX = Pattern.compile("\\^([\\p{L}\\p{N} ]+)");
    private final Map<KeyValue, Set<P>> positionsByKey = new HashMap<>();
    private final Map<P, Set<KeyValue>> keysByPosition = new HashMap<>();
    private final Map<Object, P> positionById = new HashMap<>();
    /**
     * A single-field index's text values in order, for a prefix search (a regular expression {@code ^literal}); each
     * holds the same set of positions as its entry in {@link #positionsByKey}. Built at the first prefix search and
     * kept from then on, so that indexes never searched by prefix (most of them) cost their writes nothing more.
     */
    private NavigableMap<String, Set<P>> positionsByText;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        if (!query.keySet().equals(keySet())) {
            return false;
        }
        boolean compound = keys().size() > 1;
        return query.values().stream().allMatch(v -> v instanceof String
                || !compound && (isStringIn(v) || prefixOf(v) != null));
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Set<P> found = new LinkedHashSet<>();
        String prefix = keys().size() == 1 ? prefixOf(query.get(keys().get(0))) : null;
        if (prefix != null) {
            if (positionsByText == null) {
                positionsByText = new TreeMap<>();
                positionsByKey.forEach((key, positions) -> byText(key, positions));
            }
            for (Map.Entry<String, Set<P>> entry : positionsByText.tailMap(prefix, true).entrySet()) {
                if (!entry.getKey().startsWith(prefix)) {
                    break;
                }
                found.addAll(entry.getValue());
            }
            return new ArrayList<>(found);
        }
        for (Document equality : equalities(query)) {
            for (KeyValue key : getKeyValues(equality)) {
                found.addAll(positionsByKey.getOrDefault(key, Set.of()));
            }
        }
        return new ArrayList<>(found);
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        Set<KeyValue> keys = getKeyValues(document);
        for (KeyValue key : keys) {
            positionsByKey.computeIfAbsent(key, k -> {
                Set<P> positions = new LinkedHashSet<>();
                if (positionsByText != null) {
                    byText(k, positions);
                }
                return positions;
            }).add(position);
        }
        keysByPosition.put(position, keys);
        positionById.put(document.get("_id"), position);
    }

    @Override
    public synchronized P remove(Document document) {
        P position = positionById.remove(document.get("_id"));
        if (position != null) {
            for (KeyValue key : keysByPosition.remove(position)) {
                Set<P> positions = positionsByKey.get(key);
                positions.remove(position);
                if (positions.isEmpty()) {
                    positionsByKey.remove(key);
                    if (positionsByText != null && key.size() == 1 && key.get(0) instanceof String text) {
                        positionsByText.remove(text);
                    }
                }
            }
        }
        return position;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    /** Not unique: the _id index names a document's position. */
    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    }

    @Override
    public synchronized long getCount() {
        return keysByPosition.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        positionsByKey.clear();
        positionsByText = null;
        keysByPosition.clear();
        positionById.clear();
    }

    /** The query as documents shaped like stored ones (dotted keys nested), one per {@code $in} value. */
    private List<Document> equalities(Document query) {
        List<Document> shaped = new ArrayList<>();
        shaped.add(new Document());
        for (String key : keys()) {
            Object value = query.get(key);
            List<?> alternatives = value instanceof Document in ? (List<?>) in.get("$in") : List.of(value);
            List<Document> next = new ArrayList<>();
            for (Document partial : shaped) {
                for (Object alternative : alternatives) {
                    Document copy = partial.cloneDeeply();
                    put(copy, key, alternative);
                    next.add(copy);
                }
            }
            shaped = next;
        }
        return shaped;
    }

    private static void put(Document document, String dottedKey, Object value) {
        int dot = dottedKey.indexOf('.');
        if (dot < 0) {
            document.put(dottedKey, value);
            return;
        }
        Object child = document.get(dottedKey.substring(0, dot));
        Document nested = child instanceof Document d ? d : new Document();
        document.put(dottedKey.substring(0, dot), nested);
        put(nested, dottedKey.substring(dot + 1), value);
    }

    /**
     * The literal a regular expression anchored at the start asks a value to begin with, as the driver sends
     * {@code Pattern.compile("^" + Pattern.quote(text))}, or one of plain letters, digits and spaces; {@code null}
     * for any other value or options (a case-insensitive match is not a range of the index).
     */
    static String prefixOf(Object value) {
        if (!(value instanceof BsonRegularExpression regex)
                || regex.getOptions() != null && !regex.getOptions().isEmpty()) {
            return null;
        }
        String pattern = regex.getPattern();
        Matcher quoted = QUOTED_PREFIX.matcher(pattern);
        if (quoted.matches() && !quoted.group(1).contains("\\E")) {
            return quoted.group(1);
        }
        Matcher plain = PLAIN_PREFIX.matcher(pattern);
        return plain.matches() ? plain.group(1) : null;
    }

    private void byText(KeyValue key, Set<P> positions) {
        if (key.size() == 1 && key.get(0) instanceof String text) {
            positionsByText.put(text, positions);
        }
    }

    private static boolean isStringIn(Object value) {
        return value instanceof Document operator && operator.size() == 1
                && operator.get("$in") instanceof List<?> values && values.stream().allMatch(String.class::isInstance);
    }
}
