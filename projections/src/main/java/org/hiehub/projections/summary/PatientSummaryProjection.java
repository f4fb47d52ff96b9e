package org.hiehub.projections.summary;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.hiehub.projections.support.ReadModelMapper.toDocument;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PatientsMerged;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.projections.support.Idempotent;
import org.springframework.stereotype.Component;

/**
 * Patient summaries: one document per master patient with its golden record, all identifiers and its linked
 * source records. Keeps each source record's latest state in a working collection and recomputes the summary
 * of the master patient a change touches. Replay-safe: sequence-guarded upserts, event timestamps only.
 */
@Component
@ProcessingGroup(PatientSummaryProjection.GROUP)
public class PatientSummaryProjection {

    public static final String GROUP = "patient-summary";

    private final MongoCollection<Document> records;
    private final SummaryWriter summaries;

    public PatientSummaryProjection(MongoDatabase readStore, SurvivorshipRules survivorship) {
        this.records = readStore.getCollection(SummaryCollections.SOURCE_RECORDS);
        this.summaries = new SummaryWriter(readStore.getCollection(SummaryCollections.SUMMARIES), records,
                survivorship);
        createIndexes(readStore);
    }

    static void createIndexes(MongoDatabase readStore) {
        readStore.getCollection(SummaryCollections.SOURCE_RECORDS).createIndex(Indexes.ascending("masterPatientId"));
        readStore.getCollection(SummaryCollections.SUMMARIES).createIndex(
                Indexes.compoundIndex(Indexes.ascending("identifiers.system"), Indexes.ascending("identifiers.value")),
                new IndexOptions().name("identifier"));
        // Phonetic name keys and birth dates (multikey): real MongoDB serves patient search from these.
        readStore.getCollection(SummaryCollections.SUMMARIES).createIndex(Indexes.ascending("search.phonetic"));
        readStore.getCollection(SummaryCollections.SUMMARIES).createIndex(Indexes.ascending("search.birthDates"));
    }

    @EventHandler
    void on(SourceRecordRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.sourceRecordId().value();
        Idempotent.applyIfNewer(records, id, sequence, combine(
                set("sourceSystem", event.sourceSystem()), set("localId", event.localId()),
                set("demographics", toDocument(event.demographics())), set("updatedAt", at.toString())));
        summaries.recomputeFor(id);
    }

    @EventHandler
    void on(DemographicsUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.sourceRecordId().value();
        Idempotent.applyIfNewer(records, id, sequence, combine(
                set("demographics", toDocument(event.demographics())), set("updatedAt", at.toString())));
        summaries.recomputeFor(id);
    }

    @EventHandler
    void on(IdentifierLinked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Idempotent.applyIfNewer(records, event.sourceRecordId().value(), sequence, combine(
                set("masterPatientId", event.masterPatientId().value()), set("linkConfidence", event.confidence()),
                set("linkMethod", event.method().name()), set("linkedAt", at.toString())));
        summaries.recompute(event.masterPatientId().value(), event.sourceRecordId().value());
    }

    @EventHandler
    void on(IdentifierUnlinked event, @SequenceNumber long sequence) {
        Idempotent.applyIfNewer(records, event.sourceRecordId().value(), sequence, combine(
                unset("masterPatientId"), unset("linkConfidence"), unset("linkMethod"), unset("linkedAt")));
        summaries.recompute(event.masterPatientId().value(), event.sourceRecordId().value());
    }

    @EventHandler
    void on(PatientCreated event, @Timestamp Instant at) {
        summaries.created(event.masterPatientId().value(), event.foundingRecord().value(), at);
    }

    /** The retired summary becomes a pointer to its survivor, so the retired id keeps resolving. */
    @EventHandler
    void on(PatientsMerged event, @Timestamp Instant at) {
        summaries.merged(event.retired().value(), event.survivor().value(), at);
    }

    @ResetHandler
    void reset() {
        records.deleteMany(new Document());
        summaries.deleteAll();
    }
}
