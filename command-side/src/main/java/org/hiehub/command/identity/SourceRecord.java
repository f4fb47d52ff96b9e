package org.hiehub.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.LinkIdentifier;
import org.hiehub.api.identity.MasterPatientId;
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
@Aggregate
public class SourceRecord {

    @AggregateIdentifier
    private SourceRecordId id;
    private MasterPatientId linkedTo;
    private int demographicsFingerprint;

    protected SourceRecord() {
        // required by Axon to rebuild from events
    }

    @CommandHandler
    public SourceRecord(RegisterSourceRecord command) {
        apply(new SourceRecordRegistered(command.sourceRecordId(), command.sourceSystem(), command.localId(),
                command.demographics()));
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
        if (command.masterPatientId().equals(linkedTo)) {
            return; // already linked there: linking is idempotent
        }
        if (isLinked()) {
            throw IdentityRuleViolation.alreadyLinked(id, linkedTo);
        }
        requireConfidenceInRange(command.confidence());
        apply(new IdentifierLinked(id, command.masterPatientId(), command.confidence(), command.method()));
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

    /** Demographics read back after erasure are null: any later update then counts as a change. */
    private static int hashOf(Object demographics) {
        return demographics == null ? 0 : demographics.hashCode();
    }
}
