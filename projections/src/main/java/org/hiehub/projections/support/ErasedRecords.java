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
 */
public final class ErasedRecords {

    private final Supplier<MongoCollection<Document>> tombstones;

    /** Resolved at each use: a projection's live instance follows a blue/green switch. */
    public ErasedRecords(Supplier<MongoCollection<Document>> tombstones) {
        this.tombstones = tombstones;
    }

    /** Tombstones the records; call before deleting what the projection holds of them. */
    public void erase(Collection<String> sourceRecordIds) {
        if (sourceRecordIds.isEmpty()) {
            return;
        }
        tombstones.get().bulkWrite(sourceRecordIds.stream().map(ErasedRecords::digest).distinct()
                .map(d -> new ReplaceOneModel<>(new Document("_id", d), new Document("_id", d),
                        new ReplaceOptions().upsert(true))).toList());
    }

    /** Those of the records that were erased, in one read by {@code _id}. */
    public Set<String> among(Collection<String> sourceRecordIds) {
        if (sourceRecordIds.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byDigest = new LinkedHashMap<>();
        sourceRecordIds.forEach(record -> byDigest.put(digest(record), record));
        return tombstones.get().find(in("_id", List.copyOf(byDigest.keySet()))).map(d -> d.getString("_id"))
                .into(new ArrayList<>()).stream().map(byDigest::get).collect(Collectors.toSet());
    }

    public void clear() {
        tombstones.get().deleteMany(new Document());
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
