package org.hiehub.command.identity.registration;

import org.hiehub.api.identity.SourceRecordId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers a keyed hash of the demographics each source record last sent, so that an unchanged re-send — every
 * ORU repeats its PID — skips loading the SourceRecord aggregate. Only a cache: written in the registration's
 * transaction, and when a row is missing the aggregate decides as before.
 */
@Component
class DemographicsFingerprints {

    private final JdbcTemplate jdbc;

    DemographicsFingerprints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean matches(SourceRecordId record, String fingerprint) {
        return jdbc.queryForList("select fingerprint from registration_fingerprint where source_record_id = ?",
                String.class, record.value()).stream().anyMatch(fingerprint::equals);
    }

    void remember(SourceRecordId record, String fingerprint) {
        jdbc.update("insert into registration_fingerprint(source_record_id, fingerprint) values (?, ?) "
                + "on conflict (source_record_id) do update set fingerprint = excluded.fingerprint",
                record.value(), fingerprint);
    }
}
