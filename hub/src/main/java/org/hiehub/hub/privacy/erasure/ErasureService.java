package org.hiehub.hub.privacy.erasure;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.ErasePerson;
import org.hiehub.hub.privacy.PersonalDataKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out an erasure in one transaction: the {@code PersonErased} event, the destruction of every linked
 * record's key (crypto-shredding: their events stay, their personal fields read as null), and the deletion of what
 * the command side keeps in clear — raw payloads (their keys and content hashes stay, so a re-send stays a
 * duplicate), attributable dead letters, the MPI index rows (removed by the index's own handler of the event, which
 * lists the records as erased: a source sending the person again files them under a new record), registration
 * fingerprints and events projections parked as dead letters. The read models forget the person when their
 * processors reach the event. A repeated request changes nothing and answers the first erasure.
 */
public class ErasureService {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final PersonalDataKeys keys;
    private final DeadLetterAttribution deadLetters;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public ErasureService(JdbcTemplate jdbc, CommandGateway commands, PersonalDataKeys keys,
                          DeadLetterAttribution deadLetters, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.keys = keys;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The erasure of the person: a new one, or the earlier one if they were already erased. */
    public Outcome erase(MasterPatientId patient, String legalBasis, String requestReference, String requestedBy) {
        return transaction.execute(status -> {
            Optional<ErasureRecord> earlier = find(patient.value());
            if (earlier.isPresent()) {
                return new Outcome(earlier.get(), false);
            }
            List<String> retiredInto = retiredInto(patient.value());
            List<String> records = jdbc.queryForList("select source_record_id from mpi_source_record "
                    + "where master_patient_id = any(?) order by source_record_id", String.class,
                    array(concat(patient.value(), retiredInto)));
            // Attribution needs the records' MRNs, which are readable only until their keys are destroyed.
            DeadLetterAttribution.Attribution attribution = deadLetters.attribute(records);
            Instant now = clock.instant();
            commands.sendAndWait(new ErasePerson(patient, retiredInto.stream().map(MasterPatientId::of).toList(),
                    records.stream().map(SourceRecordId::of).toList(), legalBasis, requestReference, requestedBy,
                    now));
            int destroyed = (int) records.stream().filter(keys::destroy).count();
            // The master patient ids are data subjects too: break-the-glass notes and reviews are under their keys.
            concat(patient.value(), retiredInto).forEach(keys::destroy);
            List<String> messageKeys = jdbc.queryForList("select distinct message_key from raw_message_subject "
                    + "where source_record_id = any(?)", String.class, array(records));
            int deadLettersDeleted = deadLetters.delete(attribution, messageKeys);
            // their keys and hashes stay: a sender re-sending one is answered as before, not stored again
            jdbc.update("insert into erased_message(message_key, content_hash, received_at) select message_key, "
                    + "content_hash, received_at from raw_message where message_key = any(?) on conflict do nothing",
                    array(messageKeys));
            jdbc.update("delete from raw_message_subject where message_key = any(?)", array(messageKeys));
            int rawDeleted = jdbc.update("delete from raw_message where message_key = any(?)", array(messageKeys));
            jdbc.update("delete from registration_fingerprint where source_record_id = any(?)", array(records));
            // the sender's own id for the person: a later file referring to it is refused, not filed under nobody
            jdbc.update("delete from sender_patient_id where source_record_id = any(?)", array(records));
            // Events a projection parked: their personal fields are ciphertext already, but they would be retried
            // into views that have just forgotten the person.
            jdbc.update("delete from dead_letter_entry where aggregate_identifier = any(?)", array(records));
            ErasureRecord erasure = new ErasureRecord(patient.value(), legalBasis, requestReference, requestedBy, now,
                    records.size(), destroyed, rawDeleted, deadLettersDeleted);
            jdbc.update("insert into privacy_erasure(master_patient_id, legal_basis, request_reference, requested_by, "
                    + "requested_at, source_records, keys_destroyed, raw_messages_deleted, dead_letters_deleted) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", erasure.masterPatientId(), legalBasis, requestReference,
                    requestedBy, Timestamp.from(now), erasure.sourceRecords(), destroyed, rawDeleted,
                    deadLettersDeleted);
            return new Outcome(erasure, true);
        });
    }

    /** The survivor a retired (merged) master patient now lives on as, if it was merged. */
    public Optional<String> survivorOf(MasterPatientId patient) {
        return jdbc.queryForList("select survivor_id from mpi_patient_merge where retired_id = ?", String.class,
                patient.value()).stream().findFirst();
    }

    public List<ErasureRecord> list() {
        return jdbc.query("select * from privacy_erasure order by requested_at desc", (rs, i) -> map(rs));
    }

    public Optional<ErasureRecord> find(String masterPatientId) {
        return jdbc.query("select * from privacy_erasure where master_patient_id = ?", (rs, i) -> map(rs),
                masterPatientId).stream().findFirst();
    }

    /** Master patients merged into this one, directly or through a chain of merges. */
    private List<String> retiredInto(String survivor) {
        return jdbc.queryForList("""
                with recursive retired(id) as (
                    select retired_id from mpi_patient_merge where survivor_id = ?
                    union select m.retired_id from mpi_patient_merge m join retired r on m.survivor_id = r.id)
                select id from retired order by id""", String.class, survivor);
    }

    private static ErasureRecord map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ErasureRecord(rs.getString("master_patient_id"), rs.getString("legal_basis"),
                rs.getString("request_reference"), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getInt("source_records"), rs.getInt("keys_destroyed"),
                rs.getInt("raw_messages_deleted"), rs.getInt("dead_letters_deleted"));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    /** A text[] parameter; typed Object so that varargs do not spread it into one parameter per element. */
    private static Object array(List<String> values) {
        return values.toArray(String[]::new);
    }

    /** @param created false when the person had been erased before (the earlier erasure is answered) */
    public record Outcome(ErasureRecord erasure, boolean created) {
    }
}
