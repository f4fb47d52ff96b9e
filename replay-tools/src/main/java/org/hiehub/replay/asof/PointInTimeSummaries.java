package org.hiehub.replay.asof;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PatientsMerged;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.summary.SurvivorshipRules;
import org.hiehub.projections.versions.ReadModelScope;
import org.hiehub.replay.eventlog.EventLog;
import org.hiehub.replay.history.HistoryQuery;
import org.hiehub.replay.history.PatientHistory;
import org.springframework.stereotype.Service;

/**
 * "What did the hub know about this patient at time T?" Replays the patient's identity events stamped up to T
 * through the real {@link PatientSummaryProjection}, dispatched by Axon's own annotation adapter (so sequence and
 * timestamp parameters resolve as in the live processor), into a scratch read store — never from today's view.
 * Survivorship rules are today's configuration: a changed rule changes past golden records too, as a rebuild would.
 */
@Service
public class PointInTimeSummaries {

    /** The events the summary projection handles; the rest of the history cannot change the summary. */
    private static final Set<String> SUMMARY_EVENTS = Set.of(SourceRecordRegistered.class, DemographicsUpdated.class,
                    IdentifierLinked.class, IdentifierUnlinked.class, PatientCreated.class, PatientsMerged.class)
            .stream().map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());

    private final PatientHistory history;
    private final ScratchReadStore scratchStores;
    private final SurvivorshipRules survivorship;

    public PointInTimeSummaries(PatientHistory history, ScratchReadStore scratchStores,
                                SurvivorshipRules survivorship) {
        this.history = history;
        this.scratchStores = scratchStores;
        this.survivorship = survivorship;
    }

    /** Empty when the patient did not exist yet at {@code at}. */
    public Optional<PointInTime> asOf(String masterPatientId, Instant at) {
        try (ScratchReadStore.Scratch scratch = scratchStores.open()) {
            ReadModelScope scope = ReadModelScope.unversioned(scratch.database());
            AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                    new PatientSummaryProjection(scope, survivorship));
            AtomicLong replayed = new AtomicLong();
            AtomicLong last = new AtomicLong(-1);
            history.events(new HistoryQuery(masterPatientId, null, at, SUMMARY_EVENTS), event -> {
                handle(projection, event);
                replayed.incrementAndGet();
                last.set(EventLog.position(event).orElse(-1));
            });
            Document stored = scope.collection(SummaryCollections.SUMMARIES).find(eq("_id", masterPatientId)).first();
            return Optional.ofNullable(stored)
                    .map(s -> new PointInTime(masterPatientId, at, replayed.get(), last.get(), publicView(s)));
        }
    }

    private static void handle(AnnotationEventHandlerAdapter projection, TrackedEventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("the summary projection failed on the event at position "
                    + EventLog.position(event).orElse(-1), e);
        }
    }

    /** The same fields the read API shows (query-side PatientSummaries): the projection's bookkeeping dropped. */
    private static Document publicView(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        view.remove("_rev");
        view.remove("search");
        return view;
    }
}
