package org.hiehub.command.identity.index;

import java.util.List;
import java.util.Optional;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads steward decisions and master patient membership from the identity index. */
@Component
public class StewardDecisions {

    private final JdbcTemplate jdbc;

    public StewardDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isRejected(SourceRecordId record, MasterPatientId patient) {
        Integer n = jdbc.queryForObject("select count(*) from mpi_rejected_pair where source_record_id = ? "
                + "and master_patient_id = ?", Integer.class, record.value(), patient.value());
        return n != null && n > 0;
    }

    /** The master patient an id now stands for: itself, or the survivor it was (transitively) merged into. */
    public MasterPatientId current(MasterPatientId patient) {
        MasterPatientId current = patient;
        for (int hops = 0; hops < 32; hops++) {
            Optional<MasterPatientId> survivor = jdbc.queryForList(
                    "select survivor_id from mpi_patient_merge where retired_id = ?", String.class, current.value())
                    .stream().findFirst().map(MasterPatientId::of);
            if (survivor.isEmpty()) {
                return current;
            }
            current = survivor.get();
        }
        throw new IllegalStateException("merge chain of master patient " + patient + " does not end");
    }

    public boolean isRetired(MasterPatientId patient) {
        return !current(patient).equals(patient);
    }

    public List<SourceRecordId> recordsOf(MasterPatientId patient) {
        return jdbc.queryForList("select source_record_id from mpi_source_record where master_patient_id = ? "
                + "order by source_record_id", String.class, patient.value()).stream().map(SourceRecordId::of).toList();
    }
}
