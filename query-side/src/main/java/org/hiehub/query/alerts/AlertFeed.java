package org.hiehub.query.alerts;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.projections.alerts.AlertCollections;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.support.DocumentsById;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Reads alerts as the alerts projection wrote them, newest first by (event position, id). Alerts belong to source
 * records; the master patient each belongs to now is looked up at read time, so links and merges show at once.
 */
@Component
public class AlertFeed {

    static final int MAX_LIMIT = 200;
    static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("position", Number.class).longValue())
            .thenComparing(d -> d.getString("_id")).reversed();
    private final MongoCollection<Document> alerts;
    private final ReadModels readModels;
    private final RecordIndex index;

    public AlertFeed(MongoDatabase readStore, ReadModels readModels) {
        this.alerts = readStore.getCollection(AlertCollections.ALERTS);
        this.readModels = readModels;
        this.index = new RecordIndex(readStore.getCollection(AlertCollections.RECORD_INDEX));
    }

    public record Page(List<Document> alerts, String nextCursor) {
    }

    /** One page of the feed: strictly older than the cursor, so alerts arriving meanwhile shift nothing. */
    public Page page(String type, int limit, String cursor) {
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        Document filter = new Document();
        if (type != null) {
            filter.append("type", type);
        }
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.decode(cursor);
            filter.append("$or", List.of(new Document("position", new Document("$lt", after.position())),
                    new Document("position", after.position()).append("_id", new Document("$lt", after.id()))));
        }
        List<Document> found = alerts.find(filter).sort(Sorts.descending("position", "_id")).limit(size + 1)
                .into(new ArrayList<>());
        boolean more = found.size() > size;
        List<Document> page = more ? found.subList(0, size) : found;
        String next = null;
        if (more) {
            Document last = page.get(page.size() - 1);
            next = new Cursor(last.get("position", Number.class).longValue(), last.getString("_id")).encode();
        }
        return new Page(publicViews(page), next);
    }

    /** Every alert of the given source records, newest first; read by _id through the per-record index. */
    public List<Document> forRecords(List<String> sourceRecordIds) {
        List<String> ids = index.ids(sourceRecordIds, "alerts");
        List<Document> found = ids.isEmpty() ? new ArrayList<>() : DocumentsById.list(alerts, ids);
        found.sort(NEWEST_FIRST);
        return publicViews(found);
    }

    /** Alerts raised by events after position {@code after} up to {@code through}, oldest first (the stream). */
    public List<Document> between(long after, long through) {
        Document filter = new Document("position", new Document("$gt", after).append("$lte", through));
        return publicViews(alerts.find(filter).sort(Sorts.ascending("position", "_id")).into(new ArrayList<>()));
    }

    private List<Document> publicViews(List<Document> stored) {
        Map<String, String> masters = masterPatients(stored.stream().map(a -> a.getString("sourceRecordId"))
                .distinct().toList());
        return stored.stream().map(a -> {
            Document shown = new Document("alertId", a.getString("_id"));
            a.forEach((key, value) -> {
                if (!"_id".equals(key) && !"t".equals(key)) {
                    shown.put(key, value);
                }
            });
            shown.put("masterPatientId", masters.get(a.getString("sourceRecordId")));
            return shown;
        }).toList();
    }

    private Map<String, String> masterPatients(Collection<String> recordIds) {
        Map<String, String> masters = new HashMap<>();
        if (!recordIds.isEmpty()) {
            readModels.live(PatientSummaryProjection.GROUP).collection(SummaryCollections.SOURCE_RECORDS)
                    .find(in("_id", recordIds)).forEach(r -> masters.put(r.getString("_id"),
                    r.getString("masterPatientId")));
        }
        return masters;
    }

    /** Opaque feed cursor: the (position, id) of the last alert of a page. */
    record Cursor(long position, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((position + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this feed issued");
            }
        }
    }
}
