package org.hiehub.query.quality;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.quality.QualityCollections;
import org.hiehub.projections.quality.QualityProjection;
import org.hiehub.query.freshness.ViewFreshness;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data quality per source system and day (UTC): received, accepted, warned, flagged, rejected, mean score per
 * dimension and the most common findings. {@code from}/{@code to} are inclusive ISO dates.
 */
@RestController
public class QualityController {

    private final MongoCollection<Document> messages;
    private final ViewFreshness freshness;

    public QualityController(MongoDatabase readStore, ViewFreshness freshness) {
        this.messages = readStore.getCollection(QualityCollections.MESSAGES);
        this.freshness = freshness;
    }

    @GetMapping("/api/quality")
    public ResponseEntity<Report> quality(@RequestParam(required = false) String source,
                                          @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) Long minPosition,
                                          @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(QualityProjection.GROUP, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(QualityProjection.GROUP);
        List<Bson> filters = new ArrayList<>();
        if (source != null) {
            filters.add(eq("sourceSystem", source));
        }
        if (from != null) {
            filters.add(gte("day", date(from)));
        }
        if (to != null) {
            filters.add(lte("day", date(to)));
        }
        Map<String, QualitySummary> byBucket = new TreeMap<>();
        messages.find(filters.isEmpty() ? new Document() : and(filters)).forEach(m -> byBucket.computeIfAbsent(
                m.getString("sourceSystem") + '\u001f' + m.getString("day"),
                k -> new QualitySummary(m.getString("sourceSystem"), m.getString("day"))).add(m));
        List<Document> days = byBucket.values().stream().map(QualitySummary::toDocument).toList();
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position))
                .body(new Report(position, days));
    }

    private static String date(String text) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from/to must be ISO dates such as 2026-01-31");
        }
    }

    public record Report(long viewPosition, List<Document> days) {
    }
}
