package org.hiehub.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.PatientCreated;

/**
 * The hub's one person behind linked source records. Links live on the source records (each belongs to at most
 * one master patient); this aggregate owns the master patient's own life: creation now, merges later.
 */
@Aggregate
public class MasterPatient {

    @AggregateIdentifier
    private MasterPatientId id;

    protected MasterPatient() {
        // required by Axon to rebuild from events
    }

    @CommandHandler
    public MasterPatient(CreatePatient command) {
        apply(new PatientCreated(command.masterPatientId(), command.foundingRecord()));
    }

    @EventSourcingHandler
    void on(PatientCreated event) {
        id = event.masterPatientId();
    }
}
