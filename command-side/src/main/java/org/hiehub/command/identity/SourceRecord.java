package org.hiehub.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hiehub.api.identity.ConfirmLink;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.DecidedLink;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.LinkConfirmed;
import org.hiehub.api.identity.LinkAsDecided;
import org.hiehub.api.identity.LinkIdentifier;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.LinkRejected;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MatchDecision;
import org.hiehub.api.identity.MatchEvaluated;
import org.hiehub.api.identity.RejectLink;
import org.hiehub.api.identity.RecordSourceMerge;
import org.hiehub.api.identity.RegisterSourceRecord;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.identity.SourceRecordsMerged;
import org.hiehub.api.identity.UnlinkIdentifier;
import org.hiehub.api.identity.UpdateDemographics;

/**
 * One source's patient record (source system + local id). Guards the rule that a source record belongs to at
 * most one master patient at a time. Keeps only a fingerprint of the demographics, never the personal data.
 */
@Aggregate(cache = "sourceRecordCache")
public class SourceRecord {

    @AggregateIdentifier
    private SourceRecordId id;
    private MasterPatientId linkedTo;
    private int demographicsFingerprint;
    private final Set<MasterPatientId> rejected = new HashSet<>();

    protected SourceRecord() {
        // required by Axon to rebuild from events
    }

    /**
     * Registers the record and, when the MPI has decided, links it and records the decision: the same three events,
     * in the same order, as a registration followed by a {@link LinkAsDecided}, through the same rules. (Events
     * applied in a constructor reach the event-sourcing handlers after it returns, so the record's id is passed on
     * from the command rather than read from the field.)
     */
    @CommandHandler
    public SourceRecord(RegisterSourceRecord command) throws Exception {
        SourceRecordId record = command.sourceRecordId();
        DecidedLink link = command.link();
        foundIfNew(record, link);
        apply(new SourceRecordRegistered(record, command.sourceSystem(), command.localId(), command.demographics()));
        if (link != null) {
            linkAsDecided(record, link);
        }
    }

    @CommandHandler
    public void handle(UpdateDemographics command) {
        if (command.demographics().hashCode() == demographicsFingerprint) {
            return; // the source re-sent what we already hold: no new fact
        }
        apply(new DemographicsUpdated(id, command.demographics()));
    }

    @CommandHandler
    public void handle(LinkIdentifier command) {
        link(id, command.masterPatientId(), command.confidence(), command.method());
    }

    /** The MPI's link and the decision behind it; a link the rules refuse records no decision either. */
    @CommandHandler
    public void handle(LinkAsDecided command) throws Exception {
        foundIfNew(id, command.link());
        linkAsDecided(id, command.link());
    }

    private void linkAsDecided(SourceRecordId record, DecidedLink link) {
        link(record, link.masterPatientId(), link.confidence(), link.method());
        MatchDecision decision = link.decision();
        apply(new MatchEvaluated(record, decision.candidatePatient(), decision.candidateRecord(),
                decision.confidence(), decision.tier(), decision.outcome(), decision.comparisons()));
    }

    private void link(SourceRecordId record, MasterPatientId patient, int confidence, LinkMethod method) {
        if (patient.equals(linkedTo)) {
            return; // already linked there: linking is idempotent
        }
        if (isLinked()) {
            throw IdentityRuleViolation.alreadyLinked(record, linkedTo);
        }
        requireConfidenceInRange(confidence);
        if (rejected.contains(patient) && method != LinkMethod.STEWARD) {
            throw IdentityRuleViolation.pairRejected(record, patient);
        }
        apply(new IdentifierLinked(record, patient, confidence, method));
    }

    /** Confirming a suggested pair links it; confirming an existing link only records the steward's word. */
    @CommandHandler
    public void handle(ConfirmLink command) {
        if (rejected.contains(command.masterPatientId())) {
            throw IdentityRuleViolation.pairRejected(id, command.masterPatientId());
        }
        if (!command.masterPatientId().equals(linkedTo)) {
            if (isLinked()) {
                throw IdentityRuleViolation.alreadyLinked(id, linkedTo);
            }
            apply(new IdentifierLinked(id, command.masterPatientId(), 100, LinkMethod.STEWARD));
        }
        apply(new LinkConfirmed(id, command.masterPatientId(), command.steward()));
    }

    /** Rejecting the current link also undoes it; a rejected pair is never linked automatically again. */
    @CommandHandler
    public void handle(RejectLink command) {
        if (command.masterPatientId().equals(linkedTo)) {
            apply(new IdentifierUnlinked(id, linkedTo, "rejected by steward: " + command.reason()));
        }
        apply(new LinkRejected(id, command.masterPatientId(), command.steward(), command.reason()));
    }

    @CommandHandler
    public void handle(UnlinkIdentifier command) {
        if (!isLinked()) {
            throw IdentityRuleViolation.notLinked(id);
        }
        apply(new IdentifierUnlinked(id, linkedTo, command.reason()));
    }

    @CommandHandler
    public void handle(RecordSourceMerge command) {
        apply(new SourceRecordsMerged(id, command.retiredRecord()));
    }

    /**
     * A link that founds its master patient creates it first, in this command's unit of work (and transaction): its
     * {@code PatientCreated} precedes the record's events in the log, as when it was a command of its own; a link
     * the rules then refuse rolls it back with them.
     */
    private static void foundIfNew(SourceRecordId record, DecidedLink link) throws Exception {
        if (link != null && link.foundsPatient()) {
            createNew(MasterPatient.class, () -> new MasterPatient(new CreatePatient(link.masterPatientId(), record)));
        }
    }

    private boolean isLinked() {
        return linkedTo != null;
    }

    private static void requireConfidenceInRange(int confidence) {
        if (confidence < 0 || confidence > 100) {
            throw IdentityRuleViolation.confidenceOutOfRange(confidence);
        }
    }

    @EventSourcingHandler
    void on(SourceRecordRegistered event) {
        id = event.sourceRecordId();
        demographicsFingerprint = hashOf(event.demographics());
    }

    @EventSourcingHandler
    void on(DemographicsUpdated event) {
        demographicsFingerprint = hashOf(event.demographics());
    }

    @EventSourcingHandler
    void on(IdentifierLinked event) {
        linkedTo = event.masterPatientId();
    }

    @EventSourcingHandler
    void on(IdentifierUnlinked event) {
        linkedTo = null;
    }

    @EventSourcingHandler
    void on(LinkRejected event) {
        rejected.add(event.masterPatientId());
    }

    /** Demographics read back after erasure are null: any later update then counts as a change. */
    private static int hashOf(Object demographics) {
        return demographics == null ? 0 : demographics.hashCode();
    }
}
