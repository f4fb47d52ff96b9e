package org.hiehub.query.timeline;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.timeline.TimelineCollections;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Reads timeline pages: entries of the given source records, newest first by (time, factId). The entries are
 * fetched by _id through the per-record index and filtered here: any other condition in the query would make the
 * embedded store (which serves only _id lookups from an index) scan every patient's timeline.
 */
@Component
public class TimelineQuery {

    public static final int MAX_LIMIT = 200;
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("t", Number.class).longValue())
            .thenComparing(d -> d.getString("_id")).reversed();
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

        Predicate<Document> asPredicate() {
            Predicate<Document> all = d -> true;
            if (types != null && !types.isEmpty()) {
                all = all.and(d -> types.contains(d.getString("type")));
            }
            if (source != null) {
                all = all.and(d -> source.equals(d.getString("sourceSystem")));
            }
            if (from != null) {
                all = all.and(d -> t(d) >= from.toEpochMilli());
            }
            if (to != null) {
                all = all.and(d -> t(d) < to.toEpochMilli());
            }
            return all;
        }
    }

    public record Page(List<Document> entries, String nextCursor) {
    }

    public Page page(List<String> sourceRecordIds, Filter filter, int limit, String cursor) {
        return page(sourceRecordIds, filter, limit, cursor, entry -> true);
    }

    /** A page of the entries {@code visible} lets through (consent): hidden ones never count toward a page. */
    public Page page(List<String> sourceRecordIds, Filter filter, int limit, String cursor,
                     Predicate<Document> visible) {
        return select(sourceRecordIds, filter, visible).page(limit, cursor);
    }

    /**
     * Every entry of the records that the filter and {@code visible} let through, read once: a caller that needs
     * both their number and a page of them (FHIR {@code $everything}) reads the timeline once, not once per page.
     */
    public Selection select(List<String> sourceRecordIds, Filter filter, Predicate<Document> visible) {
        // one version for the whole request, resolved now: a blue/green switch shows without restart
        ReadModelScope live = readModels.live(TimelineProjection.GROUP);
        List<String> ids = new RecordIndex(live.collection(TimelineCollections.RECORD_INDEX))
                .ids(sourceRecordIds, "entries");
        List<Document> found = ids.isEmpty() ? List.of()
                : DocumentsById.list(live.collection(TimelineCollections.ENTRIES), ids);
        return new Selection(found.stream()
                .filter(filter.asPredicate().and(visible)).sorted(NEWEST_FIRST).toList());
    }

    /** One entry as stored, by its fact id. */
    public Optional<Document> entry(String factId) {
        return Optional.ofNullable(readModels.live(TimelineProjection.GROUP).collection(TimelineCollections.ENTRIES)
                .find(eq("_id", factId)).first());
    }

    /** Entries as stored, newest first by (time, id). */
    public static final class Selection {

        private final List<Document> newestFirst;

        Selection(List<Document> newestFirst) {
            this.newestFirst = newestFirst;
        }

        public int total() {
            return newestFirst.size();
        }

        /** The entries that also match {@code condition} (read on the entries as stored), in the same order. */
        public Selection where(Predicate<Document> condition) {
            return new Selection(newestFirst.stream().filter(condition).toList());
        }

        /** The entries as stored (with {@code _id} and {@code t}), newest first; not to be changed. */
        public List<Document> stored() {
            return newestFirst;
        }

        /** The entries as {@code change} returns them (a changed copy, never the stored one), in the same order. */
        public Selection map(UnaryOperator<Document> change) {
            return new Selection(newestFirst.stream().map(change).toList());
        }

        /** Up to {@code limit} entries strictly after the cursor in newest-first order, and the next cursor. */
        public Page page(int limit, String cursor) {
            int size = Math.max(1, Math.min(limit, MAX_LIMIT));
            Predicate<Document> wanted = d -> true;
            if (cursor != null && !cursor.isBlank()) {
                TimelineCursor after = TimelineCursor.decode(cursor);
                // strictly after the cursor in newest-first order: older, or as old with a smaller id
                wanted = d -> t(d) < after.t() || t(d) == after.t() && d.getString("_id").compareTo(after.id()) < 0;
            }
            List<Document> found = newestFirst.stream().filter(wanted).limit(size + 1L).toList();
            boolean more = found.size() > size;
            List<Document> page = more ? found.subList(0, size) : found;
            String next = null;
            if (more) {
                Document last = page.get(page.size() - 1);
                next = new TimelineCursor(t(last), last.getString("_id")).encode();
            }
            return new Page(page.stream().map(TimelineQuery::publicEntry).toList(), next);
        }
    }

    private static long t(Document entry) {
        return entry.get("t", Number.class).longValue();
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
