package org.hiehub.query.clinical;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.hiehub.projections.clinical.ClinicalCollections;
import org.hiehub.projections.clinical.RecordIndex;
import org.springframework.stereotype.Component;

/**
 * The {@code clinical} section of a patient summary, merged at read time from the source records the summary
 * lists. Clinical documents belong to source records, so a link, unlink or merge changes only which records are
 * listed, never the documents themselves.
 */
@Component
public class ClinicalSection {

    static final int RECENT_ENCOUNTERS = 10;
    private static final List<String> KINDS = List.of("labs", "facts", "encounters");
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("t", Number.class).longValue())
            .thenComparing(d -> String.valueOf(d.get("factId") != null ? d.get("factId") : d.get("_id")))
            .reversed();
    /** Encounters without a start (an end seen alone) sort last. */
    private static final Comparator<Document> ENCOUNTERS_NEWEST_FIRST = Comparator
            .comparing((Document d) -> d.get("startT") == null ? Long.MIN_VALUE : d.get("startT", Number.class)
                    .longValue()).thenComparing(d -> d.getString("_id")).reversed();
    private final MongoCollection<Document> labs;
    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> encounters;
    private final RecordIndex index;

    public ClinicalSection(MongoDatabase readStore) {
        this.index = new RecordIndex(readStore.getCollection(ClinicalCollections.RECORD_INDEX));
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
        return forRecords(recordIds, fact -> true);
    }

    /** The section holding only the facts {@code visible} lets through (consent), dropped before anything counts. */
    public Document forRecords(List<String> recordIds, Predicate<Document> visible) {
        TreeSet<String> versions = new TreeSet<>();
        // Every read goes by _id, which the embedded store serves from its primary index (see RecordIndex).
        Map<String, List<String>> ids = index.idsByKind(recordIds, KINDS);
        List<Document> merged = LabMerge.latestPerCode(byId(labs, ids.get("labs")).stream()
                .filter(visible).collect(Collectors.toCollection(ArrayList::new)), versions);
        List<Document> recordFacts = byId(facts, ids.get("facts")).stream().filter(visible)
                .collect(Collectors.toCollection(ArrayList::new));
        return new Document("labs", merged)
                .append("medications", active("medication", recordFacts, versions))
                .append("allergies", active("allergy", recordFacts, versions))
                .append("problems", active("condition", recordFacts, versions))
                .append("encounters", recentEncounters(byId(encounters, ids.get("encounters"))
                        .stream().filter(visible).collect(Collectors.toCollection(ArrayList::new)), versions))
                .append("mappingVersions", new ArrayList<>(versions));
    }

    private static List<Document> byId(MongoCollection<Document> collection, List<String> ids) {
        return ids.isEmpty() ? new ArrayList<>() : collection.find(in("_id", ids)).into(new ArrayList<>());
    }

    /** Active facts of a kind, once per code (the newest), newest first. */
    private static List<Document> active(String kind, List<Document> recordFacts, TreeSet<String> versions) {
        Map<String, Document> byCode = new LinkedHashMap<>();
        recordFacts.stream().filter(f -> kind.equals(f.getString("kind")))
                .filter(f -> Boolean.TRUE.equals(f.getBoolean("active"))).sorted(NEWEST_FIRST).forEach(fact -> {
                    Document code = fact.get("code", Document.class);
                    String key = code == null ? fact.getString("_id") : code.getString("system") + "|"
                            + code.getString("code");
                    byCode.putIfAbsent(key, fact);
                });
        return byCode.values().stream().map(fact -> publicFact(fact, versions)).toList();
    }

    private static List<Document> recentEncounters(List<Document> recordEncounters, TreeSet<String> versions) {
        return recordEncounters.stream().sorted(ENCOUNTERS_NEWEST_FIRST).limit(RECENT_ENCOUNTERS).map(e -> {
                    Document shown = publicFact(e, versions);
                    if (shown.get("end") == null) {
                        shown.put("end", shown.get("endAsReported"));
                    }
                    shown.remove("endAsReported");
                    shown.remove("startT");
                    return shown;
                }).toList();
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
