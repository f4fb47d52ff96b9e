package org.hiehub.command.ingest;

import java.util.Optional;
import org.hiehub.api.identity.SourceRecordId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ids senders use for their patients in references (a FHIR {@code Patient.id} on the sender's server), per
 * sending system, with the source record each became (table {@code sender_patient_id}). A Bulk Data export comes
 * as one NDJSON file per resource type: its Observations refer to {@code Patient/123} of a Patient.ndjson sent
 * before, which this resolves. Remembered in the transaction that stores the Patient; erased with the record.
 */
@Component
public class SenderPatientIds {

    private final JdbcTemplate jdbc;

    public SenderPatientIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The local id of the record {@code sender} sent as {@code Patient/<patientId>}, if it sent one. */
    public Optional<String> localId(String sender, String patientId) {
        return jdbc.queryForList("select local_id from sender_patient_id where source_system = ? and patient_id = ?",
                String.class, sender, patientId).stream().findFirst();
    }

    /**
     * The sender's latest word: a Patient id it now uses for another record moves with it. Ids longer than the
     * columns are not remembered (a FHIR id has at most 64 characters; the sender is a short system name).
     */
    void remember(String sender, String patientId, String localId, SourceRecordId record) {
        if (sender.length() > 255 || patientId.length() > 255 || localId.length() > 500) {
            return;
        }
        jdbc.update("""
                insert into sender_patient_id(source_system, patient_id, local_id, source_record_id)
                values (?, ?, ?, ?)
                on conflict (source_system, patient_id)
                do update set local_id = excluded.local_id, source_record_id = excluded.source_record_id""",
                sender, patientId, localId, record.value());
    }
}
