package org.hiehub.command.identity.index;

import java.sql.Timestamp;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.DemographicsUpdated;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.IdentifierUnlinked;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.hiehub.command.identity.matching.profile.MatchProfiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the identity index. Runs in a subscribing processor, i.e. inside the command's unit of work and
 * database transaction, and propagates failures so that a command whose index update fails is rolled back.
 * Blocking keys are keyed hashes. The match profile (normalised name, birth date, address, identifiers) is
 * personal data and is stored as such, because probabilistic matching must compare values, not hashes; like
 * the rest of this index it is rebuilt from the events, so erasing a person's events and rebuilding removes it.
 */
@Component
@ProcessingGroup(IdentityIndexUpdater.GROUP)
public class IdentityIndexUpdater {

    public static final String GROUP = "identity-index";

    private final JdbcTemplate jdbc;
    private final BlockingKeys blockingKeys;

    public IdentityIndexUpdater(JdbcTemplate jdbc, BlockingKeys blockingKeys) {
        this.jdbc = jdbc;
        this.blockingKeys = blockingKeys;
    }

    @EventHandler
    void on(SourceRecordRegistered event, @SequenceNumber long sequence) {
        MatchProfile profile = profile(event.demographics());
        jdbc.update("""
                insert into mpi_source_record(source_record_id, source_system, last_sequence, match_profile)
                values (?, ?, ?, cast(? as jsonb))
                on conflict (source_record_id) do update set last_sequence = greatest(mpi_source_record.last_sequence,
                excluded.last_sequence), match_profile = excluded.match_profile""",
                event.sourceRecordId().value(), event.sourceSystem(), sequence, MatchProfileJson.write(profile));
        fileKeys(event.sourceRecordId(), profile);
    }

    @EventHandler
    void on(DemographicsUpdated event) {
        MatchProfile profile = profile(event.demographics());
        jdbc.update("update mpi_source_record set match_profile = cast(? as jsonb) where source_record_id = ?",
                MatchProfileJson.write(profile), event.sourceRecordId().value());
        fileKeys(event.sourceRecordId(), profile);
    }

    @EventHandler
    void on(IdentifierLinked event) {
        jdbc.update("update mpi_source_record set master_patient_id = ?, link_confidence = ?, link_method = ? "
                        + "where source_record_id = ?", event.masterPatientId().value(), event.confidence(),
                event.method().name(), event.sourceRecordId().value());
    }

    @EventHandler
    void on(IdentifierUnlinked event) {
        jdbc.update("update mpi_source_record set master_patient_id = null, link_confidence = null, "
                + "link_method = null where source_record_id = ?", event.sourceRecordId().value());
    }

    /**
     * An erased person leaves the index: no profile, no blocking key, nothing a new record could match. Their
     * records are listed as erased, so that a source sending the person again files them under a new record.
     */
    @EventHandler
    void on(PersonErased event) {
        for (String record : event.sourceRecordIdValues()) {
            jdbc.update("delete from mpi_blocking_key where source_record_id = ?", record);
            jdbc.update("delete from mpi_source_record where source_record_id = ?", record);
            jdbc.update("insert into mpi_erased_record(source_record_id, erased_at) values (?, ?) "
                    + "on conflict do nothing", record, Timestamp.from(event.requestedAt()));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from mpi_blocking_key");
        jdbc.update("delete from mpi_source_record");
        jdbc.update("delete from mpi_erased_record");
    }

    private static MatchProfile profile(Demographics demographics) {
        return MatchProfiles.from(demographics == null ? Demographics.empty() : demographics);
    }

    /** Files the record under its profile's blocking keys, and under no other. */
    private void fileKeys(SourceRecordId record, MatchProfile profile) {
        Set<String> keys = blockingKeys.of(profile);
        jdbc.update("delete from mpi_blocking_key where source_record_id = ?", record.value());
        jdbc.batchUpdate("insert into mpi_blocking_key(key_hash, source_record_id) values (?, ?) "
                        + "on conflict do nothing", keys.stream().map(k -> new Object[] {k, record.value()}).toList());
    }
}
