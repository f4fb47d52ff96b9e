package org.hiehub.projections.summary;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PatientsMerged;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.DemographicsDocuments;
import org.hiehub.projections.support.ErasedRecords;
import org.hiehub.projections.support.Erasure;
import org.hiehub.projections.support.UnitOfWorkBatch;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.projections.versions.RebuildableProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Patient summaries: one document per master patient with its golden record, all identifiers and its linked
 * source records. Keeps each source record's latest state in a working collection and recomputes the summary
 * of the master patient a change touches, once per processor batch (see {@link SummaryBatch}). Replay-safe:
 * sequence-guarded record changes, revision-checked summary writes, event timestamps only.
 */
@Component
@ProcessingGroup(PatientSummaryProjection.GROUP)
public class PatientSummaryProjection {

    public static final String GROUP = "patient-summary";

    private final ReadModelScope scope;
    private final SurvivorshipRules survivorship;
    private final ErasedRecords erased;

    /** The running projection: writes whichever version readers see (see {@link ReadModels}). */
    @Autowired
    public PatientSummaryProjection(ReadModels readModels, SurvivorshipRules survivorship) {
        this(readModels.following(GROUP), survivorship);
    }

    /** An instance bound to one version's collections, e.g. for a blue/green rebuild. */
    public PatientSummaryProjection(ReadModelScope scope, SurvivorshipRules survivorship) {
        this.scope = scope;
        this.survivorship = survivorship;
        this.erased = new ErasedRecords(() -> scope.collection(SummaryCollections.ERASED));
        createIndexes(scope);
    }

    public static RebuildableProjection rebuildable(SurvivorshipRules survivorship) {
        return new RebuildableProjection(GROUP, SummaryCollections.ALL,
                scope -> new PatientSummaryProjection(scope, survivorship));
    }

    static void createIndexes(ReadModelScope scope) {
        scope.collection(SummaryCollections.SOURCE_RECORDS).createIndex(Indexes.ascending("masterPatientId"));
        scope.collection(SummaryCollections.SUMMARIES).createIndex(
                Indexes.compoundIndex(Indexes.ascending("identifiers.system"), Indexes.ascending("identifiers.value")),
                new IndexOptions().name("identifier"));
        // an identifier searched without its system (FHIR identifier=VALUE): the compound index needs the system first
        scope.collection(SummaryCollections.SUMMARIES).createIndex(Indexes.ascending("identifiers.value"));
        // Name words, phonetic name keys and birth dates (multikey): real MongoDB serves patient search from these
        // (a name prefix reads search.names as a range; an $or is served by an index only if each branch is).
        scope.collection(SummaryCollections.SUMMARIES).createIndex(Indexes.ascending("search.names"));
        scope.collection(SummaryCollections.SUMMARIES).createIndex(Indexes.ascending("search.phonetic"));
        scope.collection(SummaryCollections.SUMMARIES).createIndex(Indexes.ascending("search.birthDates"));
    }

    @EventHandler
    void on(SourceRecordRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.sourceRecordId().value();
        batch(b -> {
            b.changeRecord(id, sequence, r -> r.append("sourceSystem", event.sourceSystem())
                    .append("localId", event.localId())
                    .append("demographics", DemographicsDocuments.write(event.demographics()))
                    .append("updatedAt", at.toString()));
            b.touchRecord(id);
        });
    }

    @EventHandler
    void on(DemographicsUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.sourceRecordId().value();
        batch(b -> {
            b.changeRecord(id, sequence, r -> r
                    .append("demographics", DemographicsDocuments.write(event.demographics()))
                    .append("updatedAt", at.toString()));
            b.touchRecord(id);
        });
    }

    @EventHandler
    void on(IdentifierLinked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.sourceRecordId().value();
        batch(b -> {
            b.changeRecord(id, sequence, r -> r.append("masterPatientId", event.masterPatientId().value())
                    .append("linkConfidence", event.confidence()).append("linkMethod", event.method().name())
                    .append("linkedAt", at.toString()));
            b.touch(event.masterPatientId().value(), id);
        });
    }

    @EventHandler
    void on(IdentifierUnlinked event, @SequenceNumber long sequence) {
        String id = event.sourceRecordId().value();
        batch(b -> {
            b.changeRecord(id, sequence, r -> List.of("masterPatientId", "linkConfidence", "linkMethod", "linkedAt")
                    .forEach(r::remove));
            b.touch(event.masterPatientId().value(), id);
        });
    }

    @EventHandler
    void on(PatientCreated event, @Timestamp Instant at) {
        batch(b -> b.header(event.masterPatientId().value(), SummaryWriter.created(event.masterPatientId().value(),
                event.foundingRecord().value(), at)));
    }

    /** The retired summary becomes a pointer to its survivor, so the retired id keeps resolving. */
    @EventHandler
    void on(PatientsMerged event, @Timestamp Instant at) {
        batch(b -> b.header(event.retired().value(), SummaryWriter.merged(event.retired().value(),
                event.survivor().value(), at)));
    }

    /**
     * The person's summary (and the pointers of master patients merged into it) and their records' state go, and
     * their ids stay tombstoned in this version: a segment still to reach their records' events (a rebuild, or
     * processors sharing segments) would otherwise bring a summary of them back.
     */
    @EventHandler
    void on(PersonErased event) {
        Erasure.afterPendingWrites(scope.collection(SummaryCollections.SUMMARIES).getNamespace().getFullName(),
                () -> {
                    erased.erase(java.util.stream.Stream.concat(event.allMasterPatientIds().stream(),
                            event.sourceRecordIdValues().stream()).toList());
                    writer().erase(event.allMasterPatientIds(), event.sourceRecordIdValues());
                });
    }

    @ResetHandler
    void reset() {
        writer().deleteAll();
        erased.clear();
    }

    /** Changes go into the batch of the current unit of work, or straight to the store outside one (tests). */
    private void batch(Consumer<SummaryBatch> change) {
        SummaryWriter writer = writer();
        SummaryBatch batch = UnitOfWorkBatch.current("patient-summary:" + scope.collection(SummaryCollections
                .SUMMARIES).getNamespace().getFullName(), () -> new SummaryBatch(writer, erased), SummaryBatch::flush);
        if (batch != null) {
            change.accept(batch);
        } else {
            SummaryBatch now = new SummaryBatch(writer, erased);
            change.accept(now);
            now.flush();
        }
    }

    private SummaryWriter writer() {
        return new SummaryWriter(scope.collection(SummaryCollections.SUMMARIES),
                scope.collection(SummaryCollections.SOURCE_RECORDS), survivorship);
    }
}
