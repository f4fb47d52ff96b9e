package org.hiehub.projections.timeline;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.versions.ReadModelScope;

/**
 * What a timeline page is chosen by, kept apart from the entries so that a page reads only what it shows: each
 * source record lists the UTC days it has facts on ({@link TimelineCollections#RECORD_INDEX}, kind
 * {@value #DAYS}), and each (record, day) bucket ({@link TimelineCollections#KEYS}) holds one short key per entry
 * of that day — its time, type, factId, code and source system ({@link Key}). A reader walks a record's days
 * newest first, picks the keys a page needs, and fetches those entries alone by {@code _id}; a patient with
 * 150,000 results read all 150,000 entries for every page before. Buckets keep each document small (a year of
 * minute-by-minute vitals is still one day's keys per document), where one id list per record would pass
 * MongoDB's 16 MB document limit.
 *
 * <p>Keys are only ever added ({@code $addToSet}, idempotent and commutative under replays and segments). An entry
 * rewritten with another time or code (a re-delivery that now knows its message's receipt time, a rebuild after a
 * mapping change) leaves its old key behind; readers take a key only while it names its entry ({@link Key#names}).
 */
public final class TimelineKeys {

    public static final String DAYS = "days";
    /** The kind an index of the format before buckets listed every entry id under. */
    public static final String LEGACY = "entries";
    private static final String KIND = "keys";
    private static final char SEPARATOR = '\u001f';
    private final RecordIndex days;
    private final RecordIndex buckets;
    private final ReadModelScope scope;

    public TimelineKeys(ReadModelScope scope) {
        this.scope = scope;
        this.days = new RecordIndex(() -> scope.collection(TimelineCollections.RECORD_INDEX));
        this.buckets = new RecordIndex(() -> scope.collection(TimelineCollections.KEYS));
    }

    /**
     * One entry's place on the timeline, and what searches choose it by: its code's system and code as the entry
     * shows them (a mapped LOINC code, say) and its source system. Text the sender chose is kept with the key's
     * separator replaced ({@link #clean}), on both sides of every comparison.
     */
    public record Key(long t, String type, String factId, String codeSystem, String code, String sourceSystem) {

        /** Newest first by (time, factId): the timeline's order and its cursor's. */
        public static final Comparator<Key> NEWEST_FIRST = Comparator.comparingLong(Key::t)
                .thenComparing(Key::factId).reversed();

        static Key of(Document entry) {
            Document code = entry.get("code", Document.class);
            return new Key(entry.get("t", Number.class).longValue(), entry.getString("type"), entry.getString("_id"),
                    clean(code == null ? null : code.getString("system")),
                    clean(code == null ? null : code.getString("code")), clean(entry.getString("sourceSystem")));
        }

        /**
         * Whether the entry as stored now is the one this key was written for, not an older time, code or source of
         * it (a re-delivery, a rebuild after a mapping change): of all the keys an entry ever had, one names it.
         */
        public boolean names(Document entry) {
            return entry != null && equals(of(entry));
        }

        /** Time, type and factId are the hub's own; the rest is the sender's text, cleaned. */
        String encode() {
            return String.join(String.valueOf(SEPARATOR), Long.toString(t), type, factId, codeSystem, code,
                    sourceSystem);
        }

        static Key decode(String text) {
            String[] parts = text.split(String.valueOf(SEPARATOR), 6);
            return new Key(Long.parseLong(parts[0]), parts[1], parts[2], parts[3], parts[4], parts[5]);
        }

        /** Text as keys hold it: never null, never containing the separator. */
        public static String clean(String text) {
            return text == null ? "" : text.replace(SEPARATOR, '\ufffd');
        }
    }

    /** The UTC day of an instant in epoch millis, as the buckets name it. */
    public static LocalDate day(long t) {
        return Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Files written entries (grouped by record) under their days, as two bulk writes: the projection's part. */
    public void add(Map<String, List<Document>> entriesByRecord) {
        Map<String, Set<String>> daysByRecord = new LinkedHashMap<>();
        Map<String, Set<String>> keysByBucket = new LinkedHashMap<>();
        entriesByRecord.forEach((record, entries) -> entries.forEach(entry -> {
            Key key = Key.of(entry);
            String day = day(key.t()).toString();
            daysByRecord.computeIfAbsent(record, r -> new LinkedHashSet<>()).add(day);
            keysByBucket.computeIfAbsent(bucket(record, day), b -> new LinkedHashSet<>()).add(key.encode());
        }));
        buckets.addNow(KIND, keysByBucket);
        days.addNow(DAYS, daysByRecord);
    }

    /**
     * The records' days with facts, newest first (a record with none is left out), and the entry ids an index of
     * the format before buckets still lists for them: one read.
     */
    public Filed filed(Collection<String> sourceRecordIds) {
        Map<String, List<LocalDate>> byRecord = new LinkedHashMap<>();
        List<String> legacy = new ArrayList<>();
        days.idsByRecord(sourceRecordIds, List.of(DAYS, LEGACY)).forEach((record, kinds) -> {
            if (!kinds.get(DAYS).isEmpty()) {
                byRecord.put(record, kinds.get(DAYS).stream().map(LocalDate::parse)
                        .sorted(Comparator.reverseOrder()).toList());
            }
            legacy.addAll(kinds.get(LEGACY));
        });
        return new Filed(byRecord, legacy);
    }

    /**
     * Where the records' keys are.
     *
     * @param daysByRecord each record's days with facts, newest first
     * @param legacyIds entry ids listed whole by an index of the format before buckets (a version written by an
     *                  earlier hub and not rebuilt yet, which the hub rebuilds when it starts)
     */
    public record Filed(Map<String, List<LocalDate>> daysByRecord, List<String> legacyIds) {

        /** Every (record, day) bucket. */
        public List<Bucket> buckets() {
            List<Bucket> all = new ArrayList<>();
            daysByRecord.forEach((record, recordDays) -> recordDays.forEach(d -> all.add(new Bucket(record, d))));
            return all;
        }
    }

    /** The keys filed under the given (record, day) buckets, in no particular order. */
    public List<Key> keys(Collection<Bucket> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>();
        DocumentsById.list(scope.collection(TimelineCollections.KEYS),
                wanted.stream().map(Bucket::id).toList())
                .forEach(d -> d.getList(KIND, String.class, List.of()).forEach(k -> keys.add(Key.decode(k))));
        return keys;
    }

    /**
     * Each record's keys, in no particular order, from one read of all the records' buckets (a record without any
     * is left out): for readers of many records at once, such as the research export. Ids that an index of the
     * format before buckets lists ({@link Filed#legacyIds}) are not among them; such readers ask {@link #allKeys}.
     */
    public Map<String, List<Key>> keysByRecord(Filed filed) {
        Map<String, String> recordByBucket = new HashMap<>();
        filed.daysByRecord().forEach((record, recordDays) -> recordDays.forEach(
                d -> recordByBucket.put(bucket(record, d.toString()), record)));
        Map<String, List<Key>> byRecord = new HashMap<>();
        DocumentsById.list(scope.collection(TimelineCollections.KEYS), recordByBucket.keySet()).forEach(d -> {
            List<Key> keys = byRecord.computeIfAbsent(recordByBucket.get(d.getString("_id")), r -> new ArrayList<>());
            d.getList(KIND, String.class, List.of()).forEach(k -> keys.add(Key.decode(k)));
        });
        return byRecord;
    }

    /** Every key of what is filed, in no particular order; a legacy id's key is made from its entry. */
    public List<Key> allKeys(Filed filed) {
        List<Key> all = new ArrayList<>(keys(filed.buckets()));
        if (!filed.legacyIds().isEmpty()) {
            DocumentsById.list(scope.collection(TimelineCollections.ENTRIES), filed.legacyIds())
                    .forEach(entry -> all.add(Key.of(entry)));
        }
        return all;
    }

    /** Whether a version was written in the format before buckets: one of its records lists entry ids whole. */
    public static boolean writtenBeforeBuckets(ReadModelScope version) {
        Document first = version.collection(TimelineCollections.RECORD_INDEX).find().limit(1).first();
        return first != null && first.containsKey(LEGACY);
    }

    /** One record's facts of one day. */
    public record Bucket(String sourceRecordId, LocalDate day) {

        String id() {
            return bucket(sourceRecordId, day.toString());
        }
    }

    /**
     * Forgets the records (an erasure): their entries, buckets and days, deleted in bounded batches. Entries an
     * index of the format before buckets listed (kind {@value #LEGACY}) go too: a version not yet rebuilt must
     * not keep an erased person's facts either.
     */
    void forget(Collection<String> sourceRecordIds) {
        Filed filed = filed(sourceRecordIds);
        List<Bucket> recordBuckets = filed.buckets();
        Set<String> factIds = new LinkedHashSet<>(filed.legacyIds());
        keys(recordBuckets).forEach(k -> factIds.add(k.factId()));
        deleteById(scope.collection(TimelineCollections.ENTRIES), List.copyOf(factIds));
        deleteById(scope.collection(TimelineCollections.KEYS), recordBuckets.stream().map(Bucket::id).toList());
        days.forget(sourceRecordIds);
    }

    private static void deleteById(MongoCollection<Document> collection, List<String> ids) {
        for (int from = 0; from < ids.size(); from += 1_000) {
            collection.deleteMany(in("_id", ids.subList(from, Math.min(ids.size(), from + 1_000))));
        }
    }

    void clear() {
        buckets.clear();
        days.clear();
    }

    private static String bucket(String sourceRecordId, String day) {
        return sourceRecordId + "|" + day;
    }
}
