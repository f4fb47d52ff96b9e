package org.hiehub.projections.review;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.hiehub.projections.support.ReadModelMapper.toDocument;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.DemographicsDocuments;
import org.hiehub.projections.support.ErasureGuard;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.LinkConfirmed;
import org.hiehub.api.identity.LinkRejected;
import org.hiehub.api.identity.MatchEvaluated;
import org.hiehub.api.identity.PatientsMerged;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.projections.support.Idempotent;
import org.hiehub.projections.support.WriteBehind;
import org.springframework.stereotype.Component;

/**
 * The data steward's MPI review queue: an OPEN item for every decision in the REVIEW tier (linked, to confirm or
 * reject) and the SUGGEST tier (not linked, to confirm or reject), closed by the steward's decision. Items carry
 * score, tier and per-field comparison; both records are kept beside them for the side-by-side view.
 */
@Component
@ProcessingGroup(ReviewQueueProjection.GROUP)
public class ReviewQueueProjection {

    public static final String GROUP = "mpi-review";
    private final MongoCollection<Document> items;
    private final MongoCollection<Document> records;
    /** The copies of the records change with every registration and link: one bulk write per batch. */
    private final WriteBehind recordWrites;
    /** Items open with match decisions, close with the steward's: one ordered bulk write per batch. */
    private final WriteBehind itemWrites;
    private final ErasureGuard erasures;

    public ReviewQueueProjection(MongoDatabase readStore) {
        this.items = readStore.getCollection(ReviewCollections.ITEMS);
        this.records = readStore.getCollection(ReviewCollections.RECORDS);
        this.recordWrites = new WriteBehind(records);
        this.itemWrites = new WriteBehind(items);
        this.erasures = ErasureGuard.over(readStore, GROUP, ReviewCollections.ERASED, this::forget);
    }

    @EventHandler
    void on(SourceRecordRegistered event, @SequenceNumber long sequence) {
        record(event.sourceRecordId().value(), sequence, combine(
                set("sourceSystem", event.sourceSystem()), set("localId", event.localId()),
                set("demographics", DemographicsDocuments.write(event.demographics()))));
    }

    @EventHandler
    void on(DemographicsUpdated event, @SequenceNumber long sequence) {
        record(event.sourceRecordId().value(), sequence,
                set("demographics", DemographicsDocuments.write(event.demographics())));
    }

    @EventHandler
    void on(IdentifierLinked event, @SequenceNumber long sequence) {
        record(event.sourceRecordId().value(), sequence,
                set("masterPatientId", event.masterPatientId().value()));
    }

    @EventHandler
    void on(IdentifierUnlinked event, @SequenceNumber long sequence) {
        record(event.sourceRecordId().value(), sequence, unset("masterPatientId"));
    }

    @EventHandler
    void on(MatchEvaluated event, @Timestamp Instant at) {
        boolean forSteward = "LINKED_FOR_REVIEW".equals(event.outcome()) || "SUGGESTED".equals(event.outcome());
        if (!forSteward || event.candidatePatient() == null) {
            return;
        }
        java.util.List<String> about = java.util.stream.Stream.of(event.sourceRecordId().value(),
                event.candidatePatient().value(), event.candidateRecord() == null ? null
                        : event.candidateRecord().value()).filter(java.util.Objects::nonNull).toList();
        if (about.stream().anyMatch(erasures::erased)) {
            return; // either side's person was erased: no item about them
        }
        String id = itemId(event.sourceRecordId().value(), event.candidatePatient().value());
        // setOnInsert keeps a replayed decision from reopening an item a steward already closed.
        itemWrites.upsert(eq("_id", id), combine(
                com.mongodb.client.model.Updates.setOnInsert("status", "OPEN"),
                set("kind", "LINKED_FOR_REVIEW".equals(event.outcome()) ? "CONFIRM_LINK" : "SUGGESTED_LINK"),
                set("sourceRecordId", event.sourceRecordId().value()),
                set("candidatePatientId", event.candidatePatient().value()),
                set("candidateRecordId", event.candidateRecord() == null ? null : event.candidateRecord().value()),
                set("confidence", event.confidence()), set("tier", event.tier()),
                set("comparisons", event.comparisons().stream().map(c -> toDocument(c)).toList()),
                set("createdAt", at.toString())));
        about.forEach(erasures::wrote);
    }

    @EventHandler
    void on(LinkConfirmed event, @Timestamp Instant at) {
        close(event.sourceRecordId().value(), event.masterPatientId().value(), "CONFIRMED", event.steward(), at);
    }

    @EventHandler
    void on(LinkRejected event, @Timestamp Instant at) {
        close(event.sourceRecordId().value(), event.masterPatientId().value(), "REJECTED", event.steward(), at);
    }

    /** Items pointing at a retired master patient now concern its survivor. */
    @EventHandler
    void on(PatientsMerged event) {
        itemWrites.updateMany(eq("candidatePatientId", event.retired().value()),
                set("candidatePatientId", event.survivor().value()));
    }

    /**
     * Items about the person (as the record to review or as the candidate) and the copies of their records go;
     * their ids stay tombstoned for events another segment has yet to reach (see {@link ErasureGuard}).
     */
    @EventHandler
    void on(PersonErased event) {
        java.util.List<String> ids = java.util.stream.Stream.concat(event.sourceRecordIdValues().stream(),
                event.allMasterPatientIds().stream()).toList();
        erasures.erase(ids);
    }

    /** Everything about the ids, whether of source records or master patients. */
    private void forget(java.util.Collection<String> ids) {
        java.util.List<String> listed = java.util.List.copyOf(ids);
        items.deleteMany(com.mongodb.client.model.Filters.or(
                com.mongodb.client.model.Filters.in("sourceRecordId", listed),
                com.mongodb.client.model.Filters.in("candidateRecordId", listed),
                com.mongodb.client.model.Filters.in("candidatePatientId", listed)));
        records.deleteMany(com.mongodb.client.model.Filters.in("_id", listed));
    }

    /** A copy of a source record, unless its person was erased. */
    private void record(String sourceRecordId, long sequence, org.bson.conversions.Bson update) {
        if (!erasures.erased(sourceRecordId)) {
            Idempotent.applyIfNewer(recordWrites, sourceRecordId, sequence, update);
            erasures.wrote(sourceRecordId);
        }
    }

    @ResetHandler
    void reset() {
        items.deleteMany(new Document());
        records.deleteMany(new Document());
        erasures.clear();
    }

    private void close(String record, String patient, String status, String steward, Instant at) {
        itemWrites.update(eq("_id", itemId(record, patient)), combine(set("status", status),
                set("decidedBy", steward), set("decidedAt", at.toString())));
    }

    static String itemId(String sourceRecordId, String masterPatientId) {
        return sourceRecordId + "|" + masterPatientId;
    }
}
