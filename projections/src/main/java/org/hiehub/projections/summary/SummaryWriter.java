package org.hiehub.projections.summary;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.hiehub.api.identity.Demographics;
import org.hiehub.projections.support.ReadModelMapper;

/**
 * Recomputes a master patient's summary from its linked source records. Several segments may recompute the same
 * summary at once (their source records live in different segments), so each write is conditional on the
 * revision it read: a writer that lost the race reads again and recomputes, and the last write always reflects
 * every source-record change made before it.
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

    void created(String masterPatientId, String foundingRecord, Instant at) {
        summaries.updateOne(eq("_id", masterPatientId), Updates.combine(
                Updates.inc(REVISION, 1L),
                Updates.set("masterPatientId", masterPatientId),
                Updates.set("foundingRecord", foundingRecord),
                Updates.set("createdAt", at.toString())), new UpdateOptions().upsert(true));
    }

    void merged(String retired, String survivor, Instant at) {
        summaries.updateOne(eq("_id", retired), Updates.combine(Updates.inc(REVISION, 1L),
                Updates.set("masterPatientId", retired), Updates.set("mergedInto", survivor),
                Updates.set("mergedAt", at.toString())), new UpdateOptions().upsert(true));
    }

    void recomputeFor(String sourceRecordId) {
        Document record = records.find(eq("_id", sourceRecordId)).first();
        if (record != null && record.getString("masterPatientId") != null) {
            recompute(record.getString("masterPatientId"), sourceRecordId);
        }
    }

    /**
     * Rebuilds the summary from its member records: those it listed so far plus {@code touchedRecord}, each kept
     * only if it still names this master patient. Reading members by _id keeps this an index lookup on every
     * MongoDB, including mongo-java-server, which does not use secondary indexes.
     */
    void recompute(String masterPatientId, String touchedRecord) {
        while (true) {
            Document current = summaries.find(eq("_id", masterPatientId)).first();
            long revision = current == null ? -1 : current.get(REVISION, Number.class).longValue();
            Document next = build(masterPatientId, current, touchedRecord);
            next.put(REVISION, revision + 1);
            if (write(masterPatientId, revision, next)) {
                return;
            }
        }
    }

    void deleteAll() {
        summaries.deleteMany(new Document());
    }

    private boolean write(String masterPatientId, long revision, Document next) {
        try {
            // flat filters keyed on _id (see Idempotent): index lookups, not scans, on mongo-java-server
            Document filter = revision < 0
                    ? new Document("_id", masterPatientId).append("$or", List.of(
                            new Document(REVISION, new Document("$exists", false)), new Document(REVISION, -1L)))
                    : new Document("_id", masterPatientId).append(REVISION, revision);
            var result = summaries.replaceOne(filter, next, new ReplaceOptions().upsert(revision < 0));
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another writer inserted it first
            }
            throw e;
        }
    }

    private Document build(String masterPatientId, Document current, String touchedRecord) {
        Set<String> members = new TreeSet<>();
        if (current != null) {
            current.getList("sourceRecords", Document.class, List.of())
                    .forEach(r -> members.add(r.getString("sourceRecordId")));
        }
        if (touchedRecord != null) {
            members.add(touchedRecord);
        }
        List<LinkedRecord> linked = new ArrayList<>();
        for (Document doc : records.find(in("_id", members))) {
            if (masterPatientId.equals(doc.getString("masterPatientId"))) {
                linked.add(toLinkedRecord(doc));
            }
        }
        linked.sort(Comparator.comparing(LinkedRecord::sourceRecordId));
        Instant lastUpdated = GoldenRecord.latest(linked);
        Document summary = new Document("_id", masterPatientId)
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
        return summary;
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
                ReadModelMapper.fromDocument(doc.get("demographics", Document.class), Demographics.class),
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
