package org.hiehub.command.identity.index;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the command side's identity index (PostgreSQL). {@link IdentityIndexUpdater} writes it in the same
 * transaction as the events, so a lookup never misses a record registered a moment ago.
 */
@Component
public class IdentityIndex {

    private static final Logger log = LoggerFactory.getLogger(IdentityIndex.class);
    private final JdbcTemplate jdbc;
    private final ParsedProfiles profiles = new ParsedProfiles(ParsedProfiles.DEFAULT_CAPACITY);
    /** Records already warned about (only those whose stored profile cannot be read: a handful at most). */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    public IdentityIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MasterPatientId> masterPatientOf(SourceRecordId record) {
        List<String> found = jdbc.queryForList(
                "select master_patient_id from mpi_source_record where source_record_id = ? "
                        + "and master_patient_id is not null", String.class, record.value());
        return found.stream().findFirst().map(MasterPatientId::of);
    }

    /** When the record's person was erased, if they were ({@code mpi_erased_record}, written with the erasure). */
    public Optional<Instant> erasedAt(SourceRecordId record) {
        return jdbc.queryForList("select erased_at from mpi_erased_record where source_record_id = ?",
                Timestamp.class, record.value()).stream().findFirst().map(Timestamp::toInstant);
    }

    /** Whether the record is filed under every one of the (hashed) keys: one probe of the key index per key. */
    public boolean filedUnderAll(SourceRecordId record, Collection<String> keys) {
        if (keys.isEmpty()) {
            return true;
        }
        Integer found = jdbc.query(con -> {
            var statement = con.prepareStatement("select count(*) from mpi_blocking_key "
                    + "where source_record_id = ? and key_hash = any(?::text[])");
            statement.setString(1, record.value());
            statement.setArray(2, con.createArrayOf("text", keys.toArray()));
            return statement;
        }, rs -> rs.next() ? rs.getInt(1) : 0);
        return found != null && found == Set.copyOf(keys).size();
    }

    /**
     * The candidate lookup. Written so that its plan does not depend on statistics: each key is an index probe
     * (the lateral subqueries, kept apart by {@code offset 0}, cannot be flattened into a join) and the few
     * records found are read by primary key. As a plain join with {@code key_hash in (…)} PostgreSQL scanned both
     * tables whenever its statistics were stale or made the keys look common, as they are on a growing hub (7.7 ms a
     * lookup on a server that had not yet analysed the tables, against well under 1 ms as probes).
     * One array parameter also keeps the text the same whatever the number of keys, so the prepared plan is reused.
     */
    static final String CANDIDATES = """
            select c.source_record_id, r.master_patient_id, r.match_profile::text as profile
              from (select k.source_record_id, count(*) as shared
                      from unnest(?::text[]) as q(key_hash)
                     cross join lateral (select b.source_record_id from mpi_blocking_key b
                                          where b.key_hash = q.key_hash and b.source_record_id <> ?
                                         offset 0) k
                     group by k.source_record_id
                     order by shared desc, k.source_record_id
                     limit ?) c
             cross join lateral (select m.master_patient_id, m.match_profile from mpi_source_record m
                                  where m.source_record_id = c.source_record_id
                                    and m.master_patient_id is not null and m.match_profile is not null
                                 offset 0) r
             order by c.shared desc, c.source_record_id""";

    /**
     * Linked source records filed under any of the keys, with their match profiles: those sharing most keys first,
     * at most {@code limit} (the same ranking the evaluation's in-memory index applies). The limit counts every
     * record filed under the keys; an unlinked one among them (a steward's unlink) is then left out, not replaced.
     */
    public List<IndexedRecord> candidates(Collection<String> keys, SourceRecordId except, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<IndexedRecord> found = new ArrayList<>();
        jdbc.query(con -> {
            var statement = con.prepareStatement(CANDIDATES);
            statement.setArray(1, con.createArrayOf("text", keys.toArray()));
            statement.setString(2, except.value());
            statement.setInt(3, limit);
            return statement;
        }, rs -> {
            SourceRecordId record = SourceRecordId.of(rs.getString("source_record_id"));
            Optional<MatchProfile> profile = profiles.of(rs.getString("profile"));
            if (profile.isPresent()) {
                found.add(new IndexedRecord(record, MasterPatientId.of(rs.getString("master_patient_id")),
                        profile.get()));
            } else if (unreadable.add(record.value())) { // once per record: it comes back with every lookup
                log.warn("Source record {} has a match profile that cannot be read; it is left out of matching "
                        + "until its next demographics update", record.value());
            }
        });
        return found;
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
