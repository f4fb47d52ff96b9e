package org.hiehub.projections.summary;

import com.mongodb.client.model.UpdateOneModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.hiehub.projections.support.ErasedRecords;
import org.hiehub.projections.support.Idempotent;

/**
 * The changes one processor batch makes to the patient-summary view, kept in memory and written by
 * {@link SummaryWriter} just before the batch commits: each source record once, each touched summary recomputed
 * once. A master patient registered, created and linked within one batch costs one summary write instead of three.
 * Record changes are queued and applied at the flush, in event order, after one read of every record they name:
 * reading each record at its first event cost a round trip to the store per record.
 */
final class SummaryBatch {

    private final SummaryWriter writer;
    private final Map<String, Document> records = new LinkedHashMap<>();
    private final Set<String> named = new LinkedHashSet<>();
    private final List<Runnable> queued = new ArrayList<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Map<String, Set<String>> touched = new LinkedHashMap<>();
    private final List<Header> headers = new ArrayList<>();
    private final ErasedRecords erased;

    SummaryBatch(SummaryWriter writer, ErasedRecords erased) {
        this.writer = writer;
        this.erased = erased;
    }

    /** Applies a change to a source record unless it has seen an event at or past {@code sequence} (replays). */
    void changeRecord(String sourceRecordId, long sequence, Consumer<Document> change) {
        named.add(sourceRecordId);
        queued.add(() -> {
            Document record = records.get(sourceRecordId);
            Number seen = record.get(Idempotent.SEQUENCE, Number.class);
            if (seen == null || seen.longValue() < sequence) {
                change.accept(record);
                record.put(Idempotent.SEQUENCE, sequence);
                changed.add(sourceRecordId);
            }
        });
    }

    /** The summary of the master patient the record is linked to then (if any) needs recomputing. */
    void touchRecord(String sourceRecordId) {
        named.add(sourceRecordId);
        queued.add(() -> {
            String masterPatientId = records.get(sourceRecordId).getString("masterPatientId");
            if (masterPatientId != null) {
                addTouched(masterPatientId, sourceRecordId);
            }
        });
    }

    void touch(String masterPatientId, String sourceRecordId) {
        queued.add(() -> addTouched(masterPatientId, sourceRecordId));
    }

    void header(String masterPatientId, UpdateOneModel<Document> update) {
        headers.add(new Header(masterPatientId, update));
    }

    /**
     * Writes nothing of an erased person (see {@link ErasedRecords}): their records and master patients are left
     * out, and those another segment erased while this batch was writing are deleted again afterwards.
     */
    void flush() {
        records.putAll(writer.loadRecords(named));
        queued.forEach(Runnable::run);
        Set<String> subjects = subjects();
        Set<String> gone = erased.known(subjects);
        writer.writeRecords(changed.stream().filter(id -> !gone.contains(id)).map(records::get).toList());
        writer.writeHeaders(headers.stream().filter(h -> !gone.contains(h.masterPatientId())).map(Header::update)
                .toList());
        touched.keySet().removeAll(gone);
        touched.values().forEach(members -> members.removeAll(gone));
        Map<String, Document> written = new HashMap<>(records);
        written.keySet().removeAll(gone);
        writer.recomputeAll(touched, written);
        subjects.removeAll(gone);
        List<String> goneMeanwhile = List.copyOf(erased.among(subjects));
        if (!goneMeanwhile.isEmpty()) {
            writer.erase(goneMeanwhile, goneMeanwhile);
        }
    }

    /** Every source record and master patient id the batch writes. */
    private Set<String> subjects() {
        Set<String> subjects = new LinkedHashSet<>(named);
        touched.forEach((patient, members) -> {
            subjects.add(patient);
            subjects.addAll(members);
        });
        headers.forEach(h -> subjects.add(h.masterPatientId()));
        return subjects;
    }

    private record Header(String masterPatientId, UpdateOneModel<Document> update) {
    }

    private void addTouched(String masterPatientId, String sourceRecordId) {
        touched.computeIfAbsent(masterPatientId, k -> new LinkedHashSet<>()).add(sourceRecordId);
    }
}
