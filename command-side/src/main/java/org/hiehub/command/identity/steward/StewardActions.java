package org.hiehub.command.identity.steward;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hiehub.api.identity.ConfirmLink;
import org.hiehub.api.identity.CreatePatient;
import org.hiehub.api.identity.LinkIdentifier;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MergePatients;
import org.hiehub.api.identity.RejectLink;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.UnlinkIdentifier;
import org.hiehub.command.identity.IdentityRuleViolation;
import org.hiehub.command.identity.index.IdentityIndex;
import org.hiehub.command.identity.index.StewardDecisions;
import org.hiehub.command.identity.registration.EventPositions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a data steward does with the MPI review queue: confirm or reject a pair, merge two master patients,
 * unmerge a record. Each is one transaction; none touches a clinical event — only links move. Returns the
 * event-log position to read one's own writes.
 */
@Service
public class StewardActions {

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final IdentityIndex index;
    private final StewardDecisions decisions;
    private final EventPositions positions;

    public StewardActions(CommandGateway commands, TransactionTemplate transaction, IdentityIndex index,
                          StewardDecisions decisions, EventPositions positions) {
        this.commands = commands;
        this.transaction = transaction;
        this.index = index;
        this.decisions = decisions;
        this.positions = positions;
    }

    public long confirm(SourceRecordId record, MasterPatientId patient, String steward) {
        MasterPatientId target = liveTarget(patient);
        commands.sendAndWait(new ConfirmLink(record, target, steward));
        return positions.head();
    }

    /** Rejects the pair; a record that loses its link this way founds a new master patient. */
    public long reject(SourceRecordId record, MasterPatientId patient, String steward, String reason) {
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new RejectLink(record, patient, steward, reason));
            if (index.masterPatientOf(record).isEmpty()) {
                MasterPatientId fresh = MasterPatientId.random();
                commands.sendAndWait(new CreatePatient(fresh, record));
                commands.sendAndWait(new LinkIdentifier(record, fresh, 100, LinkMethod.NEW_PATIENT));
            }
        });
        return positions.head();
    }

    /** Merges {@code retired} into {@code survivor}: the retired id resolves to the survivor from now on. */
    public long merge(MasterPatientId retired, MasterPatientId survivor, String steward, String reason) {
        transaction.executeWithoutResult(status -> {
            if (decisions.isRetired(survivor)) {
                throw IdentityRuleViolation.of("master patient " + survivor + " was merged into "
                        + decisions.current(survivor) + "; merge into that one instead");
            }
            commands.sendAndWait(new MergePatients(retired, survivor, steward, reason));
            for (SourceRecordId record : decisions.recordsOf(retired)) {
                commands.sendAndWait(new UnlinkIdentifier(record, "master patient merged by steward"));
                commands.sendAndWait(new LinkIdentifier(record, survivor, 100, LinkMethod.STEWARD));
            }
        });
        return positions.head();
    }

    /** Unmerge: takes one record out of its master patient into a new one of its own. */
    public long unmerge(SourceRecordId record, String steward, String reason) {
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new UnlinkIdentifier(record, "unmerged by " + steward + ": " + reason));
            MasterPatientId fresh = MasterPatientId.random();
            commands.sendAndWait(new CreatePatient(fresh, record));
            commands.sendAndWait(new LinkIdentifier(record, fresh, 100, LinkMethod.STEWARD));
        });
        return positions.head();
    }

    private MasterPatientId liveTarget(MasterPatientId patient) {
        return decisions.current(patient);
    }
}
