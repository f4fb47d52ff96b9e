package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.hiehub.projections.support.UnitOfWorkBatch;

/**
 * Per source record, what a patient summary shows of it: every latest-lab document (one per code, already
 * compact), the newest active medication, allergy and problem per code, and the {@value
 * SummarySelection#RECENT_ENCOUNTERS} newest encounters. A summary read then decodes a few documents instead of
 * every fact of every linked record.
 * <p>
 * Each document is rebuilt from the record's stored documents once per processor batch that touched the record, so
 * it is a pure function of them (replays, re-deliveries and late arrivals give the same one), and a fact that
 * stops being active or an encounter that ends is handled like any other change. Two segments may touch one record
 * (its facts come in different messages): each batch first counts a touch ({@code touched}), then reads, then
 * writes only if no touch came in between, so the last toucher's rebuild, which read everything, is the one kept.
 * Readers use a document only when {@code builtFrom == touched}; otherwise (or when there is none, as in read
 * stores built before these documents existed) they read the record in full.
 */
final class RecordSummaries {

    static final String TOUCHED = "touched";
    static final String BUILT_FROM = "builtFrom";
    private static final List<String> KINDS = List.of("labs", "facts", "encounters");
    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> labs;
    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> encounters;
    private final RecordIndex index;

    RecordSummaries(MongoCollection<Document> summaries, MongoCollection<Document> labs,
                    MongoCollection<Document> facts, MongoCollection<Document> encounters, RecordIndex index) {
        this.summaries = summaries;
        this.labs = labs;
        this.facts = facts;
        this.encounters = encounters;
        this.index = index;
    }

    /**
     * Marks a record changed. Its summary is rebuilt in the batch's derived phase, when the batch's own writes
     * (results, facts, encounters, index entries) are in place, whichever of its events came first.
     */
    void touched(String sourceRecordId) {
        Set<String> pending = UnitOfWorkBatch.current("clinical-summaries:" + summaries.getNamespace().getFullName(),
                UnitOfWorkBatch.Phase.DERIVED, LinkedHashSet::new, this::rebuild);
        if (pending == null) {
            rebuild(Set.of(sourceRecordId));
        } else {
            pending.add(sourceRecordId);
        }
    }

    private void rebuild(Set<String> sourceRecordIds) {
        for (String record : sourceRecordIds) {
            long touch = touch(record);
            Map<String, List<String>> ids = index.idsByKind(List.of(record), KINDS);
            List<Document> recordFacts = byId(facts, ids.get("facts"));
            summaries.updateOne(and(eq("_id", record), eq(TOUCHED, touch)), combine(
                    set("labs", byId(labs, ids.get("labs"))),
                    set("facts", SummarySelection.shownFacts(recordFacts)),
                    set("encounters", SummarySelection.recentEncounters(byId(encounters, ids.get("encounters")))),
                    set(BUILT_FROM, touch)));
        }
    }

    private long touch(String record) {
        var options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        Document after;
        try {
            after = summaries.findOneAndUpdate(eq("_id", record), Updates.inc(TOUCHED, 1L), options);
        } catch (MongoException e) {
            // Another segment created the document first: the upsert collided, an update now matches.
            after = summaries.findOneAndUpdate(eq("_id", record), Updates.inc(TOUCHED, 1L), options);
        }
        return after.get(TOUCHED, Number.class).longValue();
    }

    private static List<Document> byId(MongoCollection<Document> collection, List<String> ids) {
        return ids.isEmpty() ? new ArrayList<>() : collection.find(in("_id", ids)).into(new ArrayList<>());
    }

    void forget(Collection<String> sourceRecordIds) {
        summaries.deleteMany(in("_id", List.copyOf(sourceRecordIds)));
    }

    void clear() {
        summaries.deleteMany(new Document());
    }
}
