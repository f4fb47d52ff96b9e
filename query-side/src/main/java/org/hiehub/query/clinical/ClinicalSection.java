package org.hiehub.query.clinical;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.hiehub.projections.clinical.ClinicalCollections;
import org.hiehub.projections.clinical.RecordIndex;
import org.hiehub.projections.clinical.SummarySelection;
import org.hiehub.projections.support.DocumentsById;
import org.springframework.stereotype.Component;

/**
 * The {@code clinical} section of a patient summary, merged at read time from the source records the summary
 * lists. Clinical documents belong to source records, so a link, unlink or merge changes only which records are
 * listed, never the documents themselves.
 * <p>
 * Unfiltered, it merges each record's summary document (the clinical-record projection keeps one per record with
 * only what a summary can show). With a consent filter it reads every fact: a hidden fact must be dropped before
 * "latest" and "active" are chosen, and the one that then wins may not be in a record's summary.
 */
@Component
public class ClinicalSection {

    private static final List<String> KINDS = List.of("labs", "facts", "encounters");
    private final MongoCollection<Document> labs;
    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> encounters;
    private final MongoCollection<Document> summaries;
    private final RecordIndex index;

    public ClinicalSection(MongoDatabase readStore) {
        this.index = new RecordIndex(readStore.getCollection(ClinicalCollections.RECORD_INDEX));
        this.labs = readStore.getCollection(ClinicalCollections.LATEST_LABS);
        this.facts = readStore.getCollection(ClinicalCollections.FACTS);
        this.encounters = readStore.getCollection(ClinicalCollections.ENCOUNTERS);
        this.summaries = readStore.getCollection(ClinicalCollections.RECORD_SUMMARIES);
    }

    /** The section for a summary document as the patient-summary view stores it. */
    public Document of(Document summary) {
        return forRecords(sourceRecordIds(summary));
    }

    public static List<String> sourceRecordIds(Document summary) {
        return summary.getList("sourceRecords", Document.class, List.of()).stream()
                .map(r -> r.getString("sourceRecordId")).toList();
    }

    /** Everything visible: from the records' summary documents, in full only for records without a current one. */
    public Document forRecords(List<String> recordIds) {
        RecordDocuments documents = new RecordDocuments();
        List<String> unsummarised = new ArrayList<>(recordIds);
        if (!recordIds.isEmpty()) {
            summaries.find(in("_id", List.copyOf(recordIds))).forEach(summary -> {
                if (Objects.equals(summary.get("touched"), summary.get("builtFrom"))) {
                    documents.add(summary.getList("labs", Document.class, List.of()),
                            summary.getList("facts", Document.class, List.of()),
                            summary.getList("encounters", Document.class, List.of()));
                    unsummarised.remove(summary.getString("_id"));
                }
            });
        }
        documents.addAll(readInFull(unsummarised, fact -> true));
        return section(documents);
    }

    /** The section holding only the facts {@code visible} lets through (consent), dropped before anything counts. */
    public Document forRecords(List<String> recordIds, Predicate<Document> visible) {
        return section(readInFull(recordIds, visible));
    }

    private RecordDocuments readInFull(List<String> recordIds, Predicate<Document> visible) {
        RecordDocuments documents = new RecordDocuments();
        if (recordIds.isEmpty()) {
            return documents;
        }
        // Every read goes by _id, which the embedded store serves from its primary index (see RecordIndex).
        Map<String, List<String>> ids = index.idsByKind(recordIds, KINDS);
        documents.add(byId(labs, ids.get("labs"), visible), byId(facts, ids.get("facts"), visible),
                byId(encounters, ids.get("encounters"), visible));
        return documents;
    }

    private static List<Document> byId(MongoCollection<Document> collection, List<String> ids,
                                       Predicate<Document> visible) {
        return ids.isEmpty() ? new ArrayList<>() : DocumentsById.list(collection, ids).stream()
                .filter(visible).collect(Collectors.toCollection(ArrayList::new));
    }

    private static Document section(RecordDocuments documents) {
        TreeSet<String> versions = new TreeSet<>();
        List<Document> merged = LabMerge.latestPerCode(documents.labs, versions);
        return new Document("labs", merged)
                .append("medications", active("medication", documents.facts, versions))
                .append("allergies", active("allergy", documents.facts, versions))
                .append("problems", active("condition", documents.facts, versions))
                .append("encounters", recentEncounters(documents.encounters, versions))
                .append("mappingVersions", new ArrayList<>(versions));
    }

    /** Active facts of a kind, once per code (the newest), newest first. */
    private static List<Document> active(String kind, List<Document> recordFacts, TreeSet<String> versions) {
        return SummarySelection.activeOncePerCode(kind, recordFacts).stream()
                .map(fact -> publicFact(fact, versions)).toList();
    }

    private static List<Document> recentEncounters(List<Document> recordEncounters, TreeSet<String> versions) {
        return SummarySelection.recentEncounters(recordEncounters).stream().map(e -> {
            Document shown = publicFact(e, versions);
            if (shown.get("end") == null) {
                shown.put("end", shown.get("endAsReported"));
            }
            shown.remove("endAsReported");
            shown.remove("startT");
            shown.put("location", SummarySelection.location(e));
            // the log positions that order the words about a visit are the projection's bookkeeping
            for (String bookkeeping : List.of(SummarySelection.STARTED_AT, SummarySelection.CANCELLED_AT,
                    SummarySelection.MOVED_AT, SummarySelection.MOVED_TO, SummarySelection.END_WORD_AT)) {
                shown.remove(bookkeeping);
            }
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

    /** The labs, facts and encounters of the records a section merges. */
    private static final class RecordDocuments {
        private final List<Document> labs = new ArrayList<>();
        private final List<Document> facts = new ArrayList<>();
        private final List<Document> encounters = new ArrayList<>();

        void add(List<Document> recordLabs, List<Document> recordFacts, List<Document> recordEncounters) {
            labs.addAll(recordLabs);
            facts.addAll(recordFacts);
            encounters.addAll(recordEncounters);
        }

        void addAll(RecordDocuments other) {
            add(other.labs, other.facts, other.encounters);
        }
    }
}
