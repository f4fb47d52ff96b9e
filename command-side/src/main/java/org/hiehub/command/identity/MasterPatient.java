package org.hiehub.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MergePatients;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PatientsMerged;

/**
 * The hub's one person behind linked source records. Links live on the source records (each belongs to at most
 * one master patient); this aggregate owns the master patient's own life: its creation and its retirement when
 * a steward merges it into another (the service then moves its source records).
 */
@Aggregate
public class MasterPatient {

    @AggregateIdentifier
    private MasterPatientId id;
    private MasterPatientId mergedInto;

    protected MasterPatient() {
        // required by Axon to rebuild from events
    }

    @CommandHandler
    public MasterPatient(CreatePatient command) {
        apply(new PatientCreated(command.masterPatientId(), command.foundingRecord()));
    }

    @CommandHandler
    public void handle(MergePatients command) {
        if (mergedInto != null) {
            throw IdentityRuleViolation.alreadyMerged(id, mergedInto);
        }
        if (command.survivor().equals(id)) {
            throw IdentityRuleViolation.mergeIntoItself(id);
        }
        apply(new PatientsMerged(id, command.survivor(), command.steward(), command.reason()));
    }

    @EventSourcingHandler
    void on(PatientCreated event) {
        id = event.masterPatientId();
    }

    @EventSourcingHandler
    void on(PatientsMerged event) {
        mergedInto = event.survivor();
    }
}
