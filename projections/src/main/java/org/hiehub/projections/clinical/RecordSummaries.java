package org.hiehub.projections.clinical;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.hiehub.projections.support.DocumentsById;
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
    /** Records rebuilt together: bounds each read's and write's size on a replay's large batches. */
    private static final int CHUNK = 200;
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

    /** The batch's records, {@value #CHUNK} at a time: a touch each, then one read per collection, one write. */
    private void rebuild(Set<String> sourceRecordIds) {
        List<String> records = List.copyOf(sourceRecordIds);
        for (int from = 0; from < records.size(); from += CHUNK) {
            rebuildChunk(records.subList(from, Math.min(records.size(), from + CHUNK)));
        }
    }

    /**
     * Counts a touch on every record, then reads the counts: a count read after the touch is at least ours, and
     * every toucher up to it had written its facts before touching, so what is read next includes them all.
     */
    private void rebuildChunk(List<String> records) {
        Map<String, Long> touches = touch(records);
        Map<String, Map<String, List<String>>> ids = index.idsByRecord(records, KINDS);
        Map<String, Document> labsById = DocumentsById.read(labs, allOf(ids, "labs"));
        Map<String, Document> factsById = DocumentsById.read(facts, allOf(ids, "facts"));
        Map<String, Document> encountersById = DocumentsById.read(encounters, allOf(ids, "encounters"));
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (String record : records) {
            Long touch = touches.get(record);
            if (touch == null) {
                continue; // deleted since the touch: the record's person was erased meanwhile
            }
            Map<String, List<String>> own = ids.getOrDefault(record, Map.of());
            writes.add(new UpdateOneModel<>(and(eq("_id", record), eq(TOUCHED, touch)), combine(
                    set("labs", pick(labsById, own.get("labs"))),
                    set("facts", SummarySelection.shownFacts(pick(factsById, own.get("facts")))),
                    set("encounters", SummarySelection.recentEncounters(pick(encountersById,
                            own.get("encounters")))),
                    set(BUILT_FROM, touch))));
        }
        if (!writes.isEmpty()) {
            summaries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** One upsert per record in a bulk write, then one read of the counts. */
    private Map<String, Long> touch(List<String> records) {
        List<UpdateOneModel<Document>> touches = records.stream().map(record -> new UpdateOneModel<Document>(
                eq("_id", record), Updates.inc(TOUCHED, 1L), new UpdateOptions().upsert(true))).toList();
        try {
            summaries.bulkWrite(touches, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Another segment created some of the documents first: those upserts collided, an update now matches.
            e.getWriteErrors().forEach(error -> {
                UpdateOneModel<Document> lost = touches.get(error.getIndex());
                summaries.updateOne(lost.getFilter(), lost.getUpdate(), lost.getOptions());
            });
        }
        Map<String, Long> counts = new HashMap<>();
        summaries.find(in("_id", records)).projection(new Document(TOUCHED, 1)).forEach(d ->
                counts.put(d.getString("_id"), d.get(TOUCHED, Number.class).longValue()));
        return counts;
    }

    private static List<String> allOf(Map<String, Map<String, List<String>>> ids, String kind) {
        return ids.values().stream().flatMap(own -> own.get(kind).stream()).distinct().toList();
    }

    private static List<Document> pick(Map<String, Document> byId, List<String> ids) {
        return ids == null ? new ArrayList<>() : ids.stream().map(byId::get).filter(Objects::nonNull)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    void forget(Collection<String> sourceRecordIds) {
        summaries.deleteMany(in("_id", List.copyOf(sourceRecordIds)));
    }

    void clear() {
        summaries.deleteMany(new Document());
    }
}
