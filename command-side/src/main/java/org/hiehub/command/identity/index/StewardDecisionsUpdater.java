package org.hiehub.command.identity.index;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.hiehub.api.identity.LinkRejected;
import org.hiehub.api.identity.PatientsMerged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the steward decisions the command side must honour immediately (rejected pairs, merged master
 * patients) in the identity index, in the same transaction as the events (same subscribing group).
 */
@Component
@ProcessingGroup(IdentityIndexUpdater.GROUP)
public class StewardDecisionsUpdater {

    private final JdbcTemplate jdbc;

    public StewardDecisionsUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LinkRejected event) {
        jdbc.update("insert into mpi_rejected_pair(source_record_id, master_patient_id) values (?, ?) "
                + "on conflict do nothing", event.sourceRecordId().value(), event.masterPatientId().value());
    }

    @EventHandler
    void on(PatientsMerged event) {
        jdbc.update("insert into mpi_patient_merge(retired_id, survivor_id) values (?, ?) on conflict do nothing",
                event.retired().value(), event.survivor().value());
    }

    /** Pairs naming an erased record go with it; merges stay, they name only master patient ids. */
    @EventHandler
    void on(org.hiehub.api.privacy.PersonErased event) {
        for (String record : event.sourceRecordIdValues()) {
            jdbc.update("delete from mpi_rejected_pair where source_record_id = ?", record);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from mpi_rejected_pair");
        jdbc.update("delete from mpi_patient_merge");
    }
}
