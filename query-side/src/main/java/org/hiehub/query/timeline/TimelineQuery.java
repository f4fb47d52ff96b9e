package org.hiehub.query.timeline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.timeline.TimelineCollections;
import org.springframework.stereotype.Component;

/** Reads timeline pages: entries of the given source records, newest first by (time, factId). */
@Component
public class TimelineQuery {

    static final int MAX_LIMIT = 200;
    private final MongoCollection<Document> entries;

    public TimelineQuery(MongoDatabase readStore) {
        this.entries = readStore.getCollection(TimelineCollections.ENTRIES);
    }

    /** Filters; null means any. {@code to} is exclusive. */
    public record Filter(List<String> types, String source, Instant from, Instant to) {
    }

    public record Page(List<Document> entries, String nextCursor) {
    }

    public Page page(List<String> sourceRecordIds, Filter filter, int limit, String cursor) {
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<Bson> conditions = new ArrayList<>();
        conditions.add(in("sourceRecordId", sourceRecordIds));
        if (filter.types() != null && !filter.types().isEmpty()) {
            conditions.add(in("type", filter.types()));
        }
        if (filter.source() != null) {
            conditions.add(eq("sourceSystem", filter.source()));
        }
        if (filter.from() != null) {
            conditions.add(gte("t", filter.from().toEpochMilli()));
        }
        if (filter.to() != null) {
            conditions.add(lt("t", filter.to().toEpochMilli()));
        }
        if (cursor != null && !cursor.isBlank()) {
            TimelineCursor after = TimelineCursor.decode(cursor);
            conditions.add(or(lt("t", after.t()), and(eq("t", after.t()), lt("_id", after.id()))));
        }
        List<Document> found = entries.find(and(conditions)).sort(Sorts.descending("t", "_id"))
                .limit(size + 1).into(new ArrayList<>());
        boolean more = found.size() > size;
        List<Document> page = more ? found.subList(0, size) : found;
        String next = null;
        if (more) {
            Document last = page.get(page.size() - 1);
            next = new TimelineCursor(last.get("t", Number.class).longValue(), last.getString("_id")).encode();
        }
        return new Page(page.stream().map(TimelineQuery::publicEntry).toList(), next);
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
