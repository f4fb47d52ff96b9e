package org.hiehub.query.timeline;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.timeline.TimelineCollections;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Reads timeline pages: entries of the given source records, newest first by (time, factId). Pages are chosen on
 * the records' keys ({@link TimelineKeys}) and the entries fetched by _id and filtered here: any other condition in
 * the query would make the embedded store (which serves only _id lookups from an index) scan every patient's
 * timeline.
 */
@Component
public class TimelineQuery {

    public static final int MAX_LIMIT = 200;
    /** Days of keys a page reads first; each further read takes four times as many, up to the maximum. */
    private static final int FIRST_DAYS_READ = 4;
    private static final int MAX_DAYS_READ = 256;
    private static final int MIN_FETCH = 16;
    private final ReadModels readModels;

    public TimelineQuery(ReadModels readModels) {
        this.readModels = readModels;
    }

    /** The version readers see now; a composed answer depends on it. */
    public int liveVersion() {
        return readModels.liveVersion(TimelineProjection.GROUP);
    }

    /** Filters; null means any. {@code to} is exclusive. */
    public record Filter(List<String> types, String source, Instant from, Instant to) {

        /**
         * The filter on an entry's key, decided before any entry is fetched: a key is taken only while it names its
         * entry ({@link TimelineKeys.Key#names}), so the entry has every field the filter reads as the key has it.
         */
        Predicate<TimelineKeys.Key> asKeyPredicate() {
            Predicate<TimelineKeys.Key> all = k -> true;
            if (types != null && !types.isEmpty()) {
                all = all.and(k -> types.contains(k.type()));
            }
            if (source != null) {
                all = all.and(k -> TimelineKeys.Key.clean(source).equals(k.sourceSystem()));
            }
            if (from != null) {
                all = all.and(k -> k.t() >= from.toEpochMilli());
            }
            if (to != null) {
                all = all.and(k -> k.t() < to.toEpochMilli());
            }
            return all;
        }
    }

    public record Page(List<Document> entries, String nextCursor) {
    }

    public Page page(List<String> sourceRecordIds, Filter filter, int limit, String cursor) {
        return page(sourceRecordIds, filter, limit, cursor, entry -> true);
    }

    /**
     * A page of the entries {@code visible} lets through (consent): hidden ones never count toward a page. The page
     * reads the records' keys day by day, newest first, from the cursor on, and fetches only the entries it may
     * show: what it costs follows the page, not the patient's history.
     */
    public Page page(List<String> sourceRecordIds, Filter filter, int limit, String cursor,
                     Predicate<Document> visible) {
        return page(sourceRecordIds, filter, key -> true, limit, cursor, visible);
    }

    /** As {@link #page(List, Filter, int, String, Predicate)}, of the entries whose keys also match {@code keys}. */
    public Page page(List<String> sourceRecordIds, Filter filter, Predicate<TimelineKeys.Key> keys, int limit,
                     String cursor, Predicate<Document> visible) {
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        TimelineCursor after = cursor == null || cursor.isBlank() ? null : TimelineCursor.decode(cursor);
        ReadModelScope live = readModels.live(TimelineProjection.GROUP);
        TimelineKeys filedKeys = new TimelineKeys(live);
        MongoCollection<Document> entries = live.collection(TimelineCollections.ENTRIES);
        Predicate<TimelineKeys.Key> wanted = filter.asKeyPredicate().and(keys)
                .and(k -> after == null || after.precedes(k));
        TimelineKeys.Filed filed = filedKeys.filed(sourceRecordIds);
        Iterator<List<TimelineKeys.Key>> rounds = filed.legacyIds().isEmpty()
                ? new DayRounds(filedKeys, filed.daysByRecord(), filter, after)
                : List.of(filedKeys.allKeys(filed)).iterator(); // a version not rebuilt since buckets: read whole
        return pageOf(fill(rounds, wanted, chunk -> fetch(entries, chunk), visible, size + 1), size);
    }

    /**
     * Up to {@code wanted} entries, newest first: each round's keys that pass {@code passes}, sorted, fetched in
     * order a few at a time and kept when {@code shown}; a round holds every key of its days, and the rounds after
     * it are all older, so no later round can hold an entry that belongs before.
     */
    private static List<Document> fill(Iterator<List<TimelineKeys.Key>> rounds, Predicate<TimelineKeys.Key> passes,
                                       Function<List<TimelineKeys.Key>, List<Document>> fetch,
                                       Predicate<Document> shown, int wanted) {
        List<Document> found = new ArrayList<>();
        while (found.size() < wanted && rounds.hasNext()) {
            List<TimelineKeys.Key> candidates = rounds.next().stream().filter(passes)
                    .sorted(TimelineKeys.Key.NEWEST_FIRST).toList();
            for (int from = 0; from < candidates.size() && found.size() < wanted; ) {
                // at least a few at a time: under a consent that hides most entries, one by one is a read each
                int to = Math.min(candidates.size(), from + Math.max(wanted - found.size(), MIN_FETCH));
                fetch.apply(candidates.subList(from, to)).stream().filter(shown).forEach(found::add);
                from = to;
            }
        }
        return found;
    }

    /** The first {@code size} of the entries found (one more than a page, if there are more) and the next cursor. */
    private static Page pageOf(List<Document> found, int size) {
        List<Document> page = found.size() > size ? found.subList(0, size) : found;
        String next = found.size() > size ? TimelineCursor.after(page.get(page.size() - 1)).encode() : null;
        return new Page(page.stream().map(TimelineQuery::publicEntry).toList(), next);
    }

    /**
     * The keys of the records' days, newest days first, a few days per round and more each round (a sparse history
     * needs many days for a page, a dense one few), within the filter's dates and from the cursor's day on.
     */
    private static final class DayRounds implements Iterator<List<TimelineKeys.Key>> {

        private final TimelineKeys keys;
        private final NavigableMap<LocalDate, List<String>> recordsByDay = new TreeMap<>(Comparator.reverseOrder());
        private int daysPerRound = FIRST_DAYS_READ;

        DayRounds(TimelineKeys keys, Map<String, List<LocalDate>> daysByRecord, Filter filter, TimelineCursor after) {
            this.keys = keys;
            LocalDate first = filter.from() == null ? LocalDate.MIN : TimelineKeys.day(filter.from().toEpochMilli());
            LocalDate last = filter.to() == null ? LocalDate.MAX : TimelineKeys.day(filter.to().toEpochMilli() - 1);
            if (after != null && TimelineKeys.day(after.t()).isBefore(last)) {
                last = TimelineKeys.day(after.t());
            }
            for (Map.Entry<String, List<LocalDate>> record : daysByRecord.entrySet()) {
                for (LocalDate day : record.getValue()) {
                    if (!day.isBefore(first) && !day.isAfter(last)) {
                        recordsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(record.getKey());
                    }
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !recordsByDay.isEmpty();
        }

        @Override
        public List<TimelineKeys.Key> next() {
            List<TimelineKeys.Bucket> buckets = new ArrayList<>();
            for (int d = 0; d < daysPerRound && !recordsByDay.isEmpty(); d++) {
                Map.Entry<LocalDate, List<String>> day = recordsByDay.pollFirstEntry();
                day.getValue().forEach(record -> buckets.add(new TimelineKeys.Bucket(record, day.getKey())));
            }
            daysPerRound = Math.min(daysPerRound * 4, MAX_DAYS_READ);
            return keys.keys(buckets);
        }
    }

    /**
     * The entries the keys name, in the keys' order, leaving out any key its entry no longer matches (and a second
     * key of one entry, which only a version not rebuilt since buckets can hold).
     */
    private static List<Document> fetch(MongoCollection<Document> entries, List<TimelineKeys.Key> keys) {
        Map<String, Document> byId = DocumentsById.read(entries, keys.stream().map(TimelineKeys.Key::factId)
                .toList());
        return keys.stream().filter(k -> k.names(byId.get(k.factId()))).map(k -> byId.remove(k.factId())).toList();
    }

    /**
     * The entries of the records that the filter and {@code visible} let through, to count and to page: their keys
     * are read once and the entries fetched only as far as an answer needs them. With {@link #EVERY_ENTRY} as
     * {@code visible} (nothing withheld) the count comes from the keys alone, and a page of a patient with 150,000
     * results fetches that page.
     */
    public Selection select(List<String> sourceRecordIds, Filter filter, Predicate<Document> visible) {
        // one version for the whole request, resolved now: a blue/green switch shows without restart
        ReadModelScope live = readModels.live(TimelineProjection.GROUP);
        TimelineKeys keys = new TimelineKeys(live);
        MongoCollection<Document> entries = live.collection(TimelineCollections.ENTRIES);
        List<TimelineKeys.Key> wanted = keys.allKeys(keys.filed(sourceRecordIds)).stream()
                .filter(filter.asKeyPredicate()).sorted(TimelineKeys.Key.NEWEST_FIRST).toList();
        return new Selection(wanted, chunk -> fetch(entries, chunk), visible, UnaryOperator.identity());
    }

    /** One entry as stored, by its fact id. */
    public Optional<Document> entry(String factId) {
        return Optional.ofNullable(readModels.live(TimelineProjection.GROUP).collection(TimelineCollections.ENTRIES)
                .find(eq("_id", factId)).first());
    }

    /** A condition every entry meets: a selection under it counts its keys, not its entries. */
    public static final Predicate<Document> EVERY_ENTRY = entry -> true;

    /**
     * Entries of a patient newest first by (time, id), as keys and what to fetch them with: fetched only when an
     * answer needs them, and then all at most once.
     */
    public static final class Selection {

        private final List<TimelineKeys.Key> keys;
        private final Function<List<TimelineKeys.Key>, List<Document>> fetch;
        private final Predicate<Document> condition;
        private final UnaryOperator<Document> change;
        private List<Document> read;

        Selection(List<TimelineKeys.Key> keys, Function<List<TimelineKeys.Key>, List<Document>> fetch,
                  Predicate<Document> condition, UnaryOperator<Document> change) {
            this.keys = keys;
            this.fetch = fetch;
            this.condition = condition;
            this.change = change;
        }

        /** How many entries; without a condition on the entries, the number of distinct facts the keys name. */
        public int total() {
            return condition == EVERY_ENTRY ? (int) keys.stream().map(TimelineKeys.Key::factId).distinct().count()
                    : all().size();
        }

        /** The entries that also match {@code more} (read on the entries as stored), in the same order. */
        public Selection where(Predicate<Document> more) {
            return more == EVERY_ENTRY ? this : new Selection(keys, fetch,
                    condition == EVERY_ENTRY ? more : condition.and(more), change);
        }

        /** The entries whose keys also match {@code more}: chosen without fetching any entry. */
        public Selection whereKey(Predicate<TimelineKeys.Key> more) {
            return new Selection(keys.stream().filter(more).toList(), fetch, condition, change);
        }

        /** The entries as stored (with {@code _id} and {@code t}), newest first; not to be changed. */
        public List<Document> stored() {
            return all();
        }

        /** The entries as {@code change} returns them (a changed copy, never the stored one), in the same order. */
        public Selection map(UnaryOperator<Document> then) {
            return new Selection(keys, fetch, condition, d -> then.apply(change.apply(d)));
        }

        /** Up to {@code limit} entries strictly after the cursor in newest-first order, and the next cursor. */
        public Page page(int limit, String cursor) {
            int size = Math.max(1, Math.min(limit, MAX_LIMIT));
            TimelineCursor after = cursor == null || cursor.isBlank() ? null : TimelineCursor.decode(cursor);
            List<Document> found = read != null
                    ? read.stream().filter(d -> after == null || after.precedes(d)).limit(size + 1L).toList()
                    : fill(List.of(keys).iterator(), k -> after == null || after.precedes(k), fetch, condition,
                    size + 1);
            return pageOf(read != null ? found : found.stream().map(change).toList(), size);
        }

        private List<Document> all() {
            if (read == null) {
                read = fetch.apply(keys).stream().filter(condition).map(change).toList();
            }
            return read;
        }
    }

    private static Document publicEntry(Document stored) {
        Document shown = new Document("factId", stored.get("_id"));
        stored.forEach((key, value) -> {
            if (!"_id".equals(key) && !"t".equals(key)) {
                shown.put(key, value);
            }
        });
        return shown;
    }
}
