package org.hiehub.projections.summary;

import com.mongodb.client.model.UpdateOneModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
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
    private final List<UpdateOneModel<Document>> headers = new ArrayList<>();

    SummaryBatch(SummaryWriter writer) {
        this.writer = writer;
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

    void header(UpdateOneModel<Document> update) {
        headers.add(update);
    }

    void flush() {
        records.putAll(writer.loadRecords(named));
        queued.forEach(Runnable::run);
        writer.writeRecords(changed.stream().map(records::get).toList());
        writer.writeHeaders(headers);
        writer.recomputeAll(touched);
    }

    private void addTouched(String masterPatientId, String sourceRecordId) {
        touched.computeIfAbsent(masterPatientId, k -> new LinkedHashSet<>()).add(sourceRecordId);
    }
}
