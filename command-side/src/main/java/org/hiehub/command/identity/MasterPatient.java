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
import org.hiehub.api.privacy.ErasePerson;
import org.hiehub.api.privacy.PersonErased;

/**
 * The hub's one person behind linked source records. Links live on the source records (each belongs to at most
 * one master patient); this aggregate owns the master patient's own life: its creation and its retirement when
 * a steward merges it into another (the service then moves its source records), and its erasure on a lawful
 * request. An erased person is erased once: a repeated request records nothing new.
 */
@Aggregate(cache = "masterPatientCache")
public class MasterPatient {

    @AggregateIdentifier
    private MasterPatientId id;
    private MasterPatientId mergedInto;
    private boolean erased;

    protected MasterPatient() {
        // required by Axon to rebuild from events
    }

    @CommandHandler
    public MasterPatient(CreatePatient command) {
        apply(new PatientCreated(command.masterPatientId(), command.foundingRecord()));
    }

    @CommandHandler
    public void handle(MergePatients command) {
        if (erased) {
            throw IdentityRuleViolation.erased(id);
        }
        if (mergedInto != null) {
            throw IdentityRuleViolation.alreadyMerged(id, mergedInto);
        }
        if (command.survivor().equals(id)) {
            throw IdentityRuleViolation.mergeIntoItself(id);
        }
        apply(new PatientsMerged(id, command.survivor(), command.steward(), command.reason()));
    }

    /** Answers whether this request erased the person (false: they were erased before; idempotent). */
    @CommandHandler
    public boolean handle(ErasePerson command) {
        if (erased) {
            return false;
        }
        if (mergedInto != null) {
            throw IdentityRuleViolation.alreadyMerged(id, mergedInto);
        }
        apply(new PersonErased(id, command.retiredMasterPatientIds(), command.sourceRecordIds(),
                command.legalBasis(), command.requestReference(), command.requestedBy(), command.requestedAt()));
        return true;
    }

    @EventSourcingHandler
    void on(PatientCreated event) {
        id = event.masterPatientId();
    }

    @EventSourcingHandler
    void on(PatientsMerged event) {
        mergedInto = event.survivor();
    }

    @EventSourcingHandler
    void on(PersonErased event) {
        erased = true;
    }
}
