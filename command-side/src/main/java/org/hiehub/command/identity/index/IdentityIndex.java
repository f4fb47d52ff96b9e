package org.hiehub.command.identity.index;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the command side's identity index (PostgreSQL). {@link IdentityIndexUpdater} writes it in the same
 * transaction as the events, so a lookup never misses a record registered a moment ago.
 */
@Component
public class IdentityIndex {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ParsedProfiles profiles = new ParsedProfiles(ParsedProfiles.DEFAULT_CAPACITY);

    public IdentityIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public Optional<MasterPatientId> masterPatientOf(SourceRecordId record) {
        List<String> found = jdbc.queryForList(
                "select master_patient_id from mpi_source_record where source_record_id = ? "
                        + "and master_patient_id is not null", String.class, record.value());
        return found.stream().findFirst().map(MasterPatientId::of);
    }

    /**
     * Linked source records filed under any of the keys, with their match profiles: those sharing most keys first,
     * at most {@code limit} (the same ranking the evaluation's in-memory index applies).
     */
    public List<IndexedRecord> candidates(Collection<String> keys, SourceRecordId except, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return named.query("""
                select r.source_record_id, r.master_patient_id, r.match_profile::text as profile
                  from (select k.source_record_id, count(*) as shared
                          from mpi_blocking_key k
                         where k.key_hash in (:keys) and k.source_record_id <> :except
                         group by k.source_record_id
                         order by shared desc, k.source_record_id
                         limit :limit) c
                  join mpi_source_record r on r.source_record_id = c.source_record_id
                 where r.master_patient_id is not null and r.match_profile is not null
                 order by c.shared desc, r.source_record_id""",
                new MapSqlParameterSource("keys", keys).addValue("except", except.value()).addValue("limit", limit),
                (rs, row) -> new IndexedRecord(SourceRecordId.of(rs.getString("source_record_id")),
                        MasterPatientId.of(rs.getString("master_patient_id")),
                        profiles.of(rs.getString("profile"))));
    }

    /** A linked source record as the index knows it. */
    public record IndexedRecord(SourceRecordId sourceRecordId, MasterPatientId masterPatientId,
                                MatchProfile profile) {
    }

    /**
     * Serialises registrations that could concern the same person: a transaction-scoped advisory lock per key,
     * taken in sorted order. Two feeds sending the same new person at once then cannot both miss each other.
     */
    public void lock(SourceRecordId record, Collection<String> keys) {
        Set<String> sorted = new TreeSet<>(keys);
        sorted.add("record\u001f" + record.value());
        // One round trip; the sorted subquery makes PostgreSQL take the locks in the same order everywhere.
        jdbc.query(con -> {
            var statement = con.prepareStatement("select count(pg_advisory_xact_lock(hashtextextended(k, 0))) "
                    + "from (select k from unnest(?::text[]) as k order by k) ordered");
            statement.setArray(1, con.createArrayOf("text", sorted.toArray()));
            return statement;
        }, rs -> { });
    }
}
