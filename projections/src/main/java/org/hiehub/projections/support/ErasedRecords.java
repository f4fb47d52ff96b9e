package org.hiehub.projections.support;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Tombstones of erased source records (and master patients, where a view is keyed by them), kept in a collection
 * of the projection's own version. {@code PersonErased}
 * is in the master patient's stream, the person's facts in their messages' and records' streams: with more than
 * one segment (a rebuild, or live processors sharing segments across processes) a segment may reach a fact after
 * another segment has handled the erasure, and would write it back. Each write of facts therefore leaves out the
 * records tombstoned here, and checks once more after writing; the erasure writes the tombstone before deleting.
 * Whichever comes second sees the other's work, so no fact of an erased person outlives both (no transaction
 * needed, as on real MongoDB).
 *
 * <p>A tombstone holds a SHA-256 digest of the record id, not the id: the read store names no erased person, while
 * the fact's record id still finds its tombstone.
 *
 * <p>The check before writing ({@link #known}) is answered from memory: the tombstones read once from the store,
 * plus those this process wrote or has read since. An erasure is forever, so what is in memory is never wrong; it
 * may only miss a tombstone another process wrote after the load, and the check after writing ({@link #among}),
 * which always reads the store, takes that fact back. Asking the store before every write cost the live
 * projections a round trip per record and batch, the largest share of the embedded read store's work.
 */
public final class ErasedRecords {

    private final Supplier<MongoCollection<Document>> tombstones;
    /** Known tombstone digests by the collection's full name (a blue/green switch changes the collection). */
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

    /** Resolved at each use: a projection's live instance follows a blue/green switch. */
    public ErasedRecords(Supplier<MongoCollection<Document>> tombstones) {
        this.tombstones = tombstones;
    }

    /** Tombstones the records; call before deleting what the projection holds of them. */
    public void erase(Collection<String> sourceRecordIds) {
        if (sourceRecordIds.isEmpty()) {
            return;
        }
        MongoCollection<Document> collection = tombstones.get();
        List<String> digests = sourceRecordIds.stream().map(ErasedRecords::digest).distinct().toList();
        knownIn(collection).addAll(digests);
        collection.bulkWrite(digests.stream().map(d -> new ReplaceOneModel<>(new Document("_id", d),
                new Document("_id", d), new ReplaceOptions().upsert(true))).toList());
    }

    /** Those of the records that were erased, in one read by {@code _id}: the check after writing. */
    public Set<String> among(Collection<String> sourceRecordIds) {
        if (sourceRecordIds.isEmpty()) {
            return Set.of();
        }
        MongoCollection<Document> collection = tombstones.get();
        Map<String, String> byDigest = new LinkedHashMap<>();
        sourceRecordIds.forEach(record -> byDigest.put(digest(record), record));
        List<String> found = collection.find(in("_id", List.copyOf(byDigest.keySet()))).map(d -> d.getString("_id"))
                .into(new ArrayList<>());
        knownIn(collection).addAll(found);
        return found.stream().map(byDigest::get).collect(Collectors.toSet());
    }

    /** Those of the records this process knows to be erased, without a read: the check before writing. */
    public Set<String> known(Collection<String> sourceRecordIds) {
        if (sourceRecordIds.isEmpty()) {
            return Set.of();
        }
        Set<String> digests = knownIn(tombstones.get());
        if (digests.isEmpty()) {
            return Set.of();
        }
        return sourceRecordIds.stream().filter(record -> digests.contains(digest(record)))
                .collect(Collectors.toSet());
    }

    public void clear() {
        MongoCollection<Document> collection = tombstones.get();
        collection.deleteMany(new Document());
        known.remove(collection.getNamespace().getFullName());
    }

    /** The tombstones known for the collection, read from it in full the first time it is asked about. */
    private Set<String> knownIn(MongoCollection<Document> collection) {
        return known.computeIfAbsent(collection.getNamespace().getFullName(), name -> {
            Set<String> digests = ConcurrentHashMap.newKeySet();
            collection.find().projection(new Document("_id", 1)).forEach(d -> digests.add(d.getString("_id")));
            return digests;
        });
    }

    static String digest(String sourceRecordId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sourceRecordId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
