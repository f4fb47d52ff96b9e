package org.hiehub.query.mpi;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.bson.Document;
import org.hiehub.projections.review.ReviewCollections;
import org.hiehub.projections.review.ReviewQueueProjection;
import org.hiehub.query.freshness.ViewFreshness;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MPI review queue for data stewards: each item with score, tier, per-field agreement (agree, disagree,
 * missing from the comparison weights) and both records side by side. Decisions go to the command API
 * ({@code POST /api/mpi/links/confirm|reject}, {@code /api/mpi/patients/{survivor}/merge}).
 */
@RestController
@RequestMapping("/api/mpi/review")
public class ReviewQueueController {

    private static final String VIEW = ReviewQueueProjection.GROUP;
    private final MongoCollection<Document> items;
    private final MongoCollection<Document> records;
    private final ViewFreshness freshness;

    public ReviewQueueController(MongoDatabase readStore, ViewFreshness freshness) {
        this.items = readStore.getCollection(ReviewCollections.ITEMS);
        this.records = readStore.getCollection(ReviewCollections.RECORDS);
        this.freshness = freshness;
    }

    @GetMapping
    public ResponseEntity<Page> queue(@RequestParam(defaultValue = "OPEN") String status,
                                      @RequestParam(defaultValue = "50") int limit,
                                      @RequestParam(defaultValue = "0") int offset,
                                      @RequestParam(required = false) Long minPosition,
                                      @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(VIEW, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(VIEW);
        List<Document> page = items.find(eq("status", status)).sort(Sorts.orderBy(Sorts.descending("confidence"),
                Sorts.ascending("_id"))).skip(Math.max(0, offset)).limit(Math.max(1, Math.min(limit, 200)))
                .into(new ArrayList<>());
        Map<String, Document> byId = recordsOf(page);
        List<Document> shown = page.stream().map(item -> sideBySide(item, byId)).toList();
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position))
                .body(new Page(items.countDocuments(eq("status", status)), position, shown));
    }

    private Map<String, Document> recordsOf(List<Document> page) {
        List<String> ids = page.stream().flatMap(i -> Stream.of(i.getString("sourceRecordId"),
                i.getString("candidateRecordId"))).filter(Objects::nonNull).distinct().toList();
        Map<String, Document> byId = new HashMap<>();
        records.find(in("_id", ids)).forEach(r -> byId.put(r.getString("_id"), r));
        return byId;
    }

    private static Document sideBySide(Document item, Map<String, Document> records) {
        Document shown = new Document(item);
        shown.put("id", shown.remove("_id"));
        shown.put("record", publicRecord(records.get(item.getString("sourceRecordId"))));
        shown.put("candidate", publicRecord(records.get(item.getString("candidateRecordId"))));
        shown.put("agreement", agreement(item.getList("comparisons", Document.class, List.of())));
        return shown;
    }

    private static Document agreement(List<Document> comparisons) {
        Document agreement = new Document();
        for (Document c : comparisons) {
            double weight = c.get("weight", Number.class).doubleValue();
            agreement.append(c.getString("field"), c.getInteger("level", -1) < 0 ? "missing"
                    : weight > 0 ? "agree" : weight < 0 ? "disagree" : "neutral");
        }
        return agreement;
    }

    private static Document publicRecord(Document record) {
        if (record == null) {
            return null;
        }
        Document shown = new Document(record);
        shown.put("sourceRecordId", shown.remove("_id"));
        shown.remove("_seq");
        return shown;
    }

    public record Page(long total, long viewPosition, List<Document> items) {
    }
}
