package org.hiehub.projections.summary;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.api.identity.Demographics;
import org.hiehub.projections.support.DemographicsDocuments;
import org.hiehub.projections.support.DocumentsById;

/**
 * Writes one processor batch of the patient-summary projection: the changed source records in one bulk write, then
 * the summaries of the master patients the batch touched, each recomputed once from its member records. Several
 * segments may recompute the same summary at once (their source records live in different segments), so each
 * write is conditional on the revision it read: a writer that lost the race reads again and recomputes, and the
 * last write always reflects every source-record change made before it.
 */
final class SummaryWriter {

    private static final String REVISION = "_rev";
    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> records;

    private final GoldenRecord golden;

    SummaryWriter(MongoCollection<Document> summaries, MongoCollection<Document> records, SurvivorshipRules rules) {
        this.summaries = summaries;
        this.records = records;
        this.golden = new GoldenRecord(rules);
    }

    /** The records' stored state by id, a new empty one for each not stored yet; read by _id in chunks. */
    Map<String, Document> loadRecords(Collection<String> sourceRecordIds) {
        Map<String, Document> loaded = DocumentsById.read(records, sourceRecordIds);
        sourceRecordIds.forEach(id -> loaded.computeIfAbsent(id, k -> new Document("_id", k)));
        return loaded;
    }

    /** Source records have one writer each (their aggregate's segment), so a plain replace is safe. */
    void writeRecords(Collection<Document> changed) {
        if (!changed.isEmpty()) {
            records.bulkWrite(changed.stream().map(r -> new ReplaceOneModel<>(eq("_id", r.getString("_id")), r,
                    new ReplaceOptions().upsert(true))).toList(), new BulkWriteOptions().ordered(false));
        }
    }

    static UpdateOneModel<Document> created(String masterPatientId, String foundingRecord, Instant at) {
        return header(masterPatientId, Updates.combine(Updates.inc(REVISION, 1L),
                Updates.set("masterPatientId", masterPatientId),
                Updates.set("foundingRecord", foundingRecord),
                Updates.set("createdAt", at.toString())));
    }

    static UpdateOneModel<Document> merged(String retired, String survivor, Instant at) {
        return header(retired, Updates.combine(Updates.inc(REVISION, 1L),
                Updates.set("masterPatientId", retired), Updates.set("mergedInto", survivor),
                Updates.set("mergedAt", at.toString())));
    }

    private static UpdateOneModel<Document> header(String masterPatientId, Bson update) {
        return new UpdateOneModel<>(eq("_id", masterPatientId), update, new UpdateOptions().upsert(true));
    }

    /** Header fields (creation, merge): a recompute copies them, so they are written first. */
    void writeHeaders(List<UpdateOneModel<Document>> updates) {
        if (updates.isEmpty()) {
            return;
        }
        try {
            summaries.bulkWrite(updates);
        } catch (MongoBulkWriteException e) {
            // an upsert raced another segment's insert: apply them one by one (sets are idempotent; _rev only grows)
            for (UpdateOneModel<Document> u : updates) {
                try {
                    summaries.updateOne(u.getFilter(), u.getUpdate(), u.getOptions());
                } catch (MongoWriteException duplicate) {
                    summaries.updateOne(u.getFilter(), u.getUpdate());
                }
            }
        }
    }

    /**
     * Recomputes the touched summaries with at most two reads and one conditional bulk write; if any of them lost a
     * race with another segment, those are recomputed one at a time as before. {@code written} are source records
     * as this batch has just written them (each record has one writer, so that is their stored state): only the
     * other members are read back, and a new patient's summary, whose only member is in the batch, needs no read.
     */
    void recomputeAll(Map<String, Set<String>> touchedByPatient, Map<String, Document> written) {
        if (touchedByPatient.isEmpty()) {
            return;
        }
        Map<String, Document> current = DocumentsById.read(summaries, touchedByPatient.keySet());
        Set<String> memberIds = new TreeSet<>();
        touchedByPatient.forEach((patient, touched) -> {
            memberIds.addAll(members(current.get(patient)));
            memberIds.addAll(touched);
        });
        memberIds.removeAll(written.keySet());
        Map<String, Document> members = DocumentsById.read(records, memberIds);
        members.putAll(written);
        List<ReplaceOneModel<Document>> writes = new ArrayList<>();
        touchedByPatient.forEach((patient, touched) -> {
            Document summary = current.get(patient);
            long revision = revision(summary);
            Document next = build(patient, summary, touched, members::get);
            next.put(REVISION, revision + 1);
            writes.add(new ReplaceOneModel<>(conditional(patient, revision), next,
                    new ReplaceOptions().upsert(revision < 0)));
        });
        try {
            BulkWriteResult result = summaries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            if (result.getMatchedCount() + result.getUpserts().size() == writes.size()) {
                return;
            }
        } catch (MongoBulkWriteException e) {
            // some lost a race: fall through
        }
        touchedByPatient.forEach(this::recompute);
    }

    /**
     * Rebuilds the summary from its member records: those it listed so far plus {@code touchedRecords}, each kept
     * only if it still names this master patient. Reading members by _id keeps this an index lookup on every
     * MongoDB, including mongo-java-server, which does not use secondary indexes.
     */
    void recompute(String masterPatientId, Set<String> touchedRecords) {
        while (true) {
            Document current = summaries.find(eq("_id", masterPatientId)).first();
            long revision = revision(current);
            Set<String> ids = new TreeSet<>(members(current));
            ids.addAll(touchedRecords);
            Map<String, Document> members = DocumentsById.read(records, ids);
            Document next = build(masterPatientId, current, touchedRecords, members::get);
            next.put(REVISION, revision + 1);
            if (write(masterPatientId, revision, next)) {
                return;
            }
        }
    }

    void erase(java.util.List<String> masterPatientIds, java.util.List<String> sourceRecordIds) {
        summaries.deleteMany(com.mongodb.client.model.Filters.in("_id", masterPatientIds));
        records.deleteMany(com.mongodb.client.model.Filters.in("_id", sourceRecordIds));
    }

    void deleteAll() {
        summaries.deleteMany(new Document());
        records.deleteMany(new Document());
    }

    private static long revision(Document summary) {
        return summary == null ? -1 : summary.get(REVISION, Number.class).longValue();
    }

    /** Flat filters keyed on _id (see Idempotent): index lookups, not scans, on mongo-java-server. */
    private static Document conditional(String masterPatientId, long revision) {
        return revision < 0
                ? new Document("_id", masterPatientId).append("$or", List.of(
                        new Document(REVISION, new Document("$exists", false)), new Document(REVISION, -1L)))
                : new Document("_id", masterPatientId).append(REVISION, revision);
    }

    private boolean write(String masterPatientId, long revision, Document next) {
        try {
            var result = summaries.replaceOne(conditional(masterPatientId, revision), next,
                    new ReplaceOptions().upsert(revision < 0));
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another writer inserted it first
            }
            throw e;
        }
    }

    private static List<String> members(Document summary) {
        return summary == null ? List.of() : summary.getList("sourceRecords", Document.class, List.of()).stream()
                .map(r -> r.getString("sourceRecordId")).toList();
    }

    private Document build(String masterPatientId, Document current, Set<String> touchedRecords,
                           Function<String, Document> recordById) {
        Set<String> ids = new TreeSet<>(members(current));
        ids.addAll(touchedRecords);
        List<LinkedRecord> linked = new ArrayList<>();
        for (String id : ids) {
            Document doc = recordById.apply(id);
            if (doc != null && masterPatientId.equals(doc.getString("masterPatientId"))) {
                linked.add(toLinkedRecord(doc));
            }
        }
        linked.sort(Comparator.comparing(LinkedRecord::sourceRecordId));
        Instant lastUpdated = GoldenRecord.latest(linked);
        return new Document("_id", masterPatientId)
                .append("masterPatientId", masterPatientId)
                .append("foundingRecord", current == null ? null : current.getString("foundingRecord"))
                .append("createdAt", current == null ? null : current.getString("createdAt"))
                .append("mergedInto", current == null ? null : current.getString("mergedInto"))
                .append("mergedAt", current == null ? null : current.getString("mergedAt"))
                .append("golden", golden.of(linked))
                .append("identifiers", GoldenRecord.identifiers(linked))
                .append("sourceRecords", linked.stream().map(SummaryWriter::sourceRecordEntry).toList())
                .append("lastUpdated", lastUpdated == null ? null : lastUpdated.toString())
                .append("search", searchKeys(linked));
    }

    /**
     * What patient search matches on, from every linked record (not only the golden record): a person is found by
     * a maiden name or a birth date one source got wrong. Names as words and phonetic keys (see {@link NameKeys}).
     */
    private static Document searchKeys(List<LinkedRecord> linked) {
        Set<String> words = new TreeSet<>();
        Set<String> phonetic = new TreeSet<>();
        Set<String> birthDates = new TreeSet<>();
        Set<String> genders = new TreeSet<>();
        for (LinkedRecord record : linked) {
            Demographics d = record.demographics();
            if (d == null) {
                continue;
            }
            for (var name : d.names()) {
                List<String> parts = new ArrayList<>(NameKeys.words(name.family()));
                name.given().forEach(g -> parts.addAll(NameKeys.words(g)));
                words.addAll(parts);
                parts.forEach(p -> phonetic.addAll(NameKeys.phonetic(p)));
            }
            if (d.birthDate() != null) {
                birthDates.add(d.birthDate().toString());
            }
            if (d.administrativeSex() != null) {
                genders.add(d.administrativeSex().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Document("names", new ArrayList<>(words)).append("phonetic", new ArrayList<>(phonetic))
                .append("birthDates", new ArrayList<>(birthDates)).append("genders", new ArrayList<>(genders));
    }

    private static Document sourceRecordEntry(LinkedRecord r) {
        return new Document("sourceRecordId", r.sourceRecordId()).append("sourceSystem", r.sourceSystem())
                .append("localId", r.localId()).append("linkConfidence", r.linkConfidence())
                .append("linkMethod", r.linkMethod()).append("linkedAt", instant(r.linkedAt()))
                .append("updatedAt", instant(r.updatedAt()));
    }

    private static LinkedRecord toLinkedRecord(Document doc) {
        return new LinkedRecord(doc.getString("_id"), doc.getString("sourceSystem"), doc.getString("localId"),
                DemographicsDocuments.read(doc.get("demographics", Document.class)),
                parse(doc.getString("updatedAt")), doc.getInteger("linkConfidence"), doc.getString("linkMethod"),
                parse(doc.getString("linkedAt")));
    }

    private static Instant parse(String instant) {
        return instant == null ? null : Instant.parse(instant);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
