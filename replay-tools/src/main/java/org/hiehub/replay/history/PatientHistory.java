package org.hiehub.replay.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.LinkRejected;
import org.hiehub.api.identity.MatchEvaluated;
import org.hiehub.replay.eventlog.EventLog;
import org.hiehub.replay.history.PatientMembership.Members;
import org.springframework.stereotype.Service;

/**
 * A master patient's history from the event log: the identity events of the patient and of every source record
 * ever linked to it, the clinical facts those records carry (they live on the streams of the messages that brought
 * them), and the MPI decisions that named the patient without linking (suggestions, steward rejections).
 *
 * <p>Two passes over the log through Axon's streaming API: the first reads only link and merge events to learn the
 * membership, the second selects. Payloads are read (and decrypted) only for events that may belong.
 */
@Service
public class PatientHistory {

    private static final AnnotationRevisionResolver REVISIONS = new AnnotationRevisionResolver();
    /**
     * Positions follow commit order and timestamps are taken a little before it, so a later position may carry a
     * slightly earlier time: the scan reads this far past {@code to} before it stops.
     */
    private static final long CLOCK_SKEW_SECONDS = 60;
    private final EventLog log;

    public PatientHistory(EventLog log) {
        this.log = log;
    }

    public List<HistoryEntry> of(HistoryQuery query) {
        List<HistoryEntry> entries = new ArrayList<>();
        stream(query, entries::add);
        return entries;
    }

    /** Hands the patient's events to {@code sink} in log order. */
    public void stream(HistoryQuery query, Consumer<HistoryEntry> sink) {
        events(query, event -> sink.accept(entry(event)));
    }

    /** The patient's events as Axon messages (payloads read lazily), in log order. */
    public void events(HistoryQuery query, Consumer<TrackedEventMessage<?>> sink) {
        PatientMembership membership = new PatientMembership();
        log.scan(null, event -> {
            if (PatientMembership.concerns(event.getPayloadType())) {
                membership.observe(event);
            }
            return true;
        });
        Members members = membership.of(query.masterPatientId());
        log.scan(query.from() == null ? null : log.at(query.from()), event -> {
            if (query.to() != null && event.getTimestamp().isAfter(query.to().plusSeconds(CLOCK_SKEW_SECONDS))) {
                return false;
            }
            if (query.within(event.getTimestamp()) && query.ofType(event.getPayloadType())
                    && belongs(event, members)) {
                sink.accept(event);
            }
            return true;
        });
    }

    private static boolean belongs(TrackedEventMessage<?> event, Members members) {
        if (event instanceof DomainEventMessage<?> domain && members.ownsStream(domain.getAggregateIdentifier())) {
            return true;
        }
        Class<?> type = event.getPayloadType();
        if (ClinicalEvent.class.isAssignableFrom(type)) {
            return members.records().contains(((ClinicalEvent) event.getPayload()).sourceRecordId().value());
        }
        if (type == MatchEvaluated.class) {
            MatchEvaluated decision = (MatchEvaluated) event.getPayload();
            return decision.candidatePatient() != null && members.patients().contains(decision.candidatePatient().value());
        }
        if (type == LinkRejected.class) {
            return members.patients().contains(((LinkRejected) event.getPayload()).masterPatientId().value());
        }
        return false;
    }

    static HistoryEntry entry(TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        return new HistoryEntry(EventLog.position(event).orElse(-1), event.getTimestamp(),
                event.getPayloadType().getSimpleName(), REVISIONS.revisionOf(event.getPayloadType()),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? -1 : domain.getSequenceNumber(), event.getIdentifier(), event.getPayload());
    }
}
