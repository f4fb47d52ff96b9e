package org.hiehub.query.clinical;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;
import org.hiehub.projections.clinical.ClinicalCollections;
import org.springframework.stereotype.Component;

/**
 * The {@code clinical} section of a patient summary, merged at read time from the source records the summary
 * lists. Clinical documents belong to source records, so a link, unlink or merge changes only which records are
 * listed, never the documents themselves.
 */
@Component
public class ClinicalSection {

    static final int RECENT_ENCOUNTERS = 10;
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("t", Number.class).longValue())
            .thenComparing(d -> String.valueOf(d.get("factId") != null ? d.get("factId") : d.get("_id")))
            .reversed();
    private final MongoCollection<Document> labs;
    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> encounters;

    public ClinicalSection(MongoDatabase readStore) {
        this.labs = readStore.getCollection(ClinicalCollections.LATEST_LABS);
        this.facts = readStore.getCollection(ClinicalCollections.FACTS);
        this.encounters = readStore.getCollection(ClinicalCollections.ENCOUNTERS);
    }

    /** The section for a summary document as the patient-summary view stores it. */
    public Document of(Document summary) {
        return forRecords(sourceRecordIds(summary));
    }

    public static List<String> sourceRecordIds(Document summary) {
        return summary.getList("sourceRecords", Document.class, List.of()).stream()
                .map(r -> r.getString("sourceRecordId")).toList();
    }

    public Document forRecords(List<String> recordIds) {
        TreeSet<String> versions = new TreeSet<>();
        List<Document> merged = LabMerge.latestPerCode(labs.find(in("sourceRecordId", recordIds))
                .into(new ArrayList<>()), versions);
        return new Document("labs", merged)
                .append("medications", active("medication", recordIds, versions))
                .append("allergies", active("allergy", recordIds, versions))
                .append("problems", active("condition", recordIds, versions))
                .append("encounters", recentEncounters(recordIds, versions))
                .append("mappingVersions", new ArrayList<>(versions));
    }

    /** Active facts of a kind, once per code (the newest), newest first. */
    private List<Document> active(String kind, List<String> recordIds, TreeSet<String> versions) {
        Map<String, Document> byCode = new LinkedHashMap<>();
        facts.find(and(in("sourceRecordId", recordIds), eq("kind", kind), eq("active", true)))
                .into(new ArrayList<>()).stream().sorted(NEWEST_FIRST).forEach(fact -> {
                    Document code = fact.get("code", Document.class);
                    String key = code == null ? fact.getString("_id") : code.getString("system") + "|"
                            + code.getString("code");
                    byCode.putIfAbsent(key, fact);
                });
        return byCode.values().stream().map(fact -> publicFact(fact, versions)).toList();
    }

    private List<Document> recentEncounters(List<String> recordIds, TreeSet<String> versions) {
        return encounters.find(in("sourceRecordId", recordIds)).sort(Sorts.descending("startT", "_id"))
                .limit(RECENT_ENCOUNTERS).map(e -> {
                    Document shown = publicFact(e, versions);
                    if (shown.get("end") == null) {
                        shown.put("end", shown.get("endAsReported"));
                    }
                    shown.remove("endAsReported");
                    shown.remove("startT");
                    return shown;
                }).into(new ArrayList<>());
    }

    private static Document publicFact(Document stored, TreeSet<String> versions) {
        Document shown = new Document(stored);
        Object id = shown.remove("_id");
        if (shown.get("kind") != null) {
            shown.put("factId", id); // a fact's _id is its factId; an encounter's is record|encounter id
        }
        shown.remove("t");
        if (shown.getString("mappingVersion") != null) {
            versions.add(shown.getString("mappingVersion"));
        }
        return shown;
    }
}
