package org.hiehub.projections.quality;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.support.UnitOfWorkBatch;
import org.hiehub.projections.support.UpsertsById;

/**
 * The quality of the data each source record holds: the score and band of each accepted message that carried its
 * facts, spread over up to 256 documents per record by the first two hex digits of the message key
 * ({@value QualityCollections#RECORD_BUCKETS}: {@code {_id: record|xx, m: {messageKey: {s, b}}}}), with per
 * record the buckets it has ({@value QualityCollections#RECORD_MESSAGES}, kind {@value #BUCKETS}). Setting a
 * message's field is idempotent and commutes, so replays and segments leave the same documents, and a processor
 * batch writes each bucket it touched once. One list of message keys per record passed MongoDB's 16 MB document
 * limit at some 300,000 messages (a bedside monitor sending one result a minute, within a year; a backfill in a
 * day), and a summary read one document per message; now it reads at most 256 small ones per record.
 * <p>
 * An index written before buckets lists a record's message keys (kind {@value #LEGACY}); those are read from the
 * per-message documents as before, so the figures stay whole until {@code quality} is rebuilt.
 */
public final class RecordQuality {

    static final String BUCKETS = "buckets";
    static final String LEGACY = "messages";
    /** The unit of work's accepted messages, by key: their facts follow them in the same batch. */
    private static final String RECENT = "quality-recent";
    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> messages;
    private final RecordIndex index;

    public RecordQuality(MongoDatabase readStore) {
        this.buckets = readStore.getCollection(QualityCollections.RECORD_BUCKETS);
        this.messages = readStore.getCollection(QualityCollections.MESSAGES);
        this.index = new RecordIndex(readStore.getCollection(QualityCollections.RECORD_MESSAGES));
    }

    /** What ingestion decided about an accepted message, as its records' figures count it. */
    private record Scored(Number score, String band) {

        static Scored of(Document message) {
            return new Scored(message.get("score", Number.class), message.getString("band"));
        }

        Document verdict() {
            return new Document("s", score).append("b", band);
        }
    }

    /**
     * A message's verdict, kept for its facts, which follow it in its stream: usually in the same batch (then from
     * memory), else from the message's document, which the earlier batch wrote.
     */
    void accepted(String messageKey, Number score, String band) {
        Map<String, Scored> recent = UnitOfWorkBatch.current(RECENT, HashMap::new, r -> { });
        if (recent != null) {
            recent.put(messageKey, new Scored(score, band));
        }
    }

    /** A fact of the record came in the message: the message counts toward the record's figures, once. */
    void carried(String sourceRecordId, String messageKey) {
        Map<String, Document> pending = UnitOfWorkBatch.current("quality-buckets:" + buckets.getNamespace()
                .getFullName(), LinkedHashMap::new, this::write);
        String bucket = bucket(sourceRecordId, messageKey);
        String field = "m." + field(messageKey);
        if (pending != null && pending.containsKey(bucket) && pending.get(bucket).containsKey(field)) {
            return; // the message's other facts of the same record, in the same batch
        }
        Map<String, Scored> recent = UnitOfWorkBatch.current(RECENT, HashMap::new, r -> { });
        Scored scored = recent == null ? null : recent.get(messageKey);
        if (scored == null) {
            Document message = messages.find(eq("_id", "a:" + messageKey)).first();
            scored = message != null ? Scored.of(message) : new Scored(null, null);
        }
        if (pending == null) {
            write(Map.of(bucket, new Document(field, scored.verdict())));
        } else {
            pending.computeIfAbsent(bucket, b -> new Document()).append(field, scored.verdict());
        }
        index.add(sourceRecordId, BUCKETS, bucket.substring(sourceRecordId.length() + 1));
    }

    /** One upsert per bucket touched (see {@link UpsertsById}). */
    private void write(Map<String, Document> fieldsByBucket) {
        Map<String, Document> updates = new LinkedHashMap<>();
        fieldsByBucket.forEach((bucket, fields) -> updates.put(bucket, new Document("$set", fields)));
        UpsertsById.apply(buckets, updates);
    }

    /**
     * The records' figures: mean and lowest score and messages per band over the distinct messages that carried
     * their facts.
     */
    public Document of(Collection<String> sourceRecordIds) {
        Map<String, Document> byMessage = new HashMap<>();
        List<String> bucketIds = new ArrayList<>();
        List<String> legacy = new ArrayList<>();
        index.idsByRecord(sourceRecordIds, List.of(BUCKETS, LEGACY)).forEach((record, kinds) -> {
            kinds.get(BUCKETS).forEach(prefix -> bucketIds.add(record + "|" + prefix));
            legacy.addAll(kinds.get(LEGACY));
        });
        for (Document bucket : DocumentsById.list(buckets, bucketIds)) {
            bucket.get("m", new Document()).forEach((field, verdict) -> byMessage.put(field, (Document) verdict));
        }
        List<String> unread = legacy.stream().distinct().filter(key -> !byMessage.containsKey(field(key)))
                .map(key -> "a:" + key).toList();
        for (Document message : DocumentsById.list(messages, unread)) {
            byMessage.put(field(message.getString("_id").substring(2)), new Document("s", message.get("score"))
                    .append("b", message.getString("band")));
        }
        long count = 0;
        long sum = 0;
        Integer lowest = null;
        TreeMap<String, Long> bands = new TreeMap<>();
        for (Document verdict : byMessage.values()) {
            Number score = verdict.get("s", Number.class);
            if (score != null) {
                count++;
                sum += score.longValue();
                lowest = lowest == null ? score.intValue() : Math.min(lowest, score.intValue());
            }
            if (verdict.getString("b") != null) {
                bands.merge(verdict.getString("b"), 1L, Long::sum);
            }
        }
        return new Document("score", count == 0 ? null : Math.round(10.0 * sum / count) / 10.0)
                .append("lowestScore", lowest).append("messages", count).append("bands", new Document(bands));
    }

    /** Forgets the records (an erasure): their buckets and index. */
    void forget(Collection<String> sourceRecordIds) {
        List<String> bucketIds = new ArrayList<>();
        index.idsByRecord(sourceRecordIds, List.of(BUCKETS)).forEach((record, kinds) ->
                kinds.get(BUCKETS).forEach(prefix -> bucketIds.add(record + "|" + prefix)));
        if (!bucketIds.isEmpty()) { // at most 256 per record
            buckets.deleteMany(in("_id", bucketIds));
        }
        index.forget(sourceRecordIds);
    }

    void clear() {
        buckets.deleteMany(new Document());
        index.clear();
    }

    /** The record's bucket for a message: the first two hex digits of the key's hash part (keys are h-<sha1>). */
    private static String bucket(String sourceRecordId, String messageKey) {
        String hash = messageKey.startsWith("h-") ? messageKey.substring(2) : messageKey;
        String prefix = hash.length() >= 2 && hash.substring(0, 2).matches("[0-9a-f]{2}") ? hash.substring(0, 2)
                : String.format("%02x", messageKey.hashCode() & 0xff);
        return sourceRecordId + "|" + prefix;
    }

    /** A message key as a field name: the hub's keys are {@code h-} and hex; anything else is made safe. */
    private static String field(String messageKey) {
        return messageKey.replace('.', '\uff0e').replace('$', '\uff04');
    }
}
