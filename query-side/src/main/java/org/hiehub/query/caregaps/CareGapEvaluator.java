package org.hiehub.query.caregaps;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.projections.caregaps.CareGap;
import org.hiehub.projections.caregaps.CareGapCollections;
import org.hiehub.projections.caregaps.CareGapRules;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.query.clinical.ClinicalSection;
import org.springframework.stereotype.Component;

/**
 * Runs the care-gap rules over a master patient's linked source records, as of an event time: the one asked for,
 * else the latest event time the care-gap projection has seen.
 */
@Component
public class CareGapEvaluator {

    private final MongoCollection<Document> evidence;
    private final MongoCollection<Document> state;
    private final ReadModels readModels;

    public CareGapEvaluator(MongoDatabase readStore, ReadModels readModels) {
        this.evidence = readStore.getCollection(CareGapCollections.EVIDENCE);
        this.state = readStore.getCollection(CareGapCollections.STATE);
        this.readModels = readModels;
    }

    /** The requested time (ISO date = start of that day UTC, or instant), else the latest event time seen. */
    public Instant asOf(String requested) {
        if (requested != null && !requested.isBlank()) {
            try {
                return requested.length() == 10
                        ? LocalDate.parse(requested).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(requested);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("asOf must be an ISO date or instant");
            }
        }
        Document clock = state.find(eq("_id", "clock")).first();
        return clock == null ? null : Instant.ofEpochMilli(clock.get("asOf", Number.class).longValue());
    }

    public List<CareGap> gaps(Document summary, Instant asOf) {
        if (asOf == null) {
            return List.of(); // nothing ingested yet: no time to evaluate at
        }
        List<Document> found = evidence.find(in("_id", ClinicalSection.sourceRecordIds(summary)))
                .into(new ArrayList<>());
        return CareGapRules.evaluate(found, birthDate(summary), asOf);
    }

    /** Every current (not merged away) master patient with at least one open gap, optionally of one rule. */
    public List<Document> worklist(String rule, Instant asOf) {
        List<Document> rows = new ArrayList<>();
        if (asOf == null) {
            return rows;
        }
        Map<String, Document> evidenceById = new HashMap<>();
        evidence.find().forEach(e -> evidenceById.put(e.getString("_id"), e));
        MongoCollection<Document> summaries = readModels.live(PatientSummaryProjection.GROUP)
                .collection(SummaryCollections.SUMMARIES);
        // only what the rules read: a whole summary (names, addresses, identifiers, search keys) is many times that
        for (Document summary : summaries.find(eq("mergedInto", null)).projection(Projections.include(
                "sourceRecords.sourceRecordId", "golden.birthDate.value")).sort(Sorts.ascending("_id"))) {
            List<Document> linked = ClinicalSection.sourceRecordIds(summary).stream().map(evidenceById::get)
                    .filter(java.util.Objects::nonNull).toList();
            List<CareGap> open = CareGapRules.evaluate(linked, birthDate(summary), asOf).stream()
                    .filter(g -> rule == null || rule.equals(g.rule())).toList();
            if (!open.isEmpty()) {
                rows.add(new Document("masterPatientId", summary.getString("_id")).append("gaps", open.stream()
                        .map(CareGapEvaluator::toDocument).toList()));
            }
        }
        return rows;
    }

    public static Document toDocument(CareGap gap) {
        return new Document("rule", gap.rule()).append("description", gap.description())
                .append("guideline", gap.guideline()).append("lastEvidence", gap.lastEvidence());
    }

    private static LocalDate birthDate(Document summary) {
        Document golden = summary.get("golden", Document.class);
        Document birth = golden == null ? null : golden.get("birthDate", Document.class);
        try {
            return birth == null || birth.getString("value") == null ? null : LocalDate.parse(birth.getString("value"));
        } catch (DateTimeParseException e) {
            return null; // a partial date (year only) gives no exact age
        }
    }
}
