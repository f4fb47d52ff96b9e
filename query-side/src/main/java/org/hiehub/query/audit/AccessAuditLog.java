package org.hiehub.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access audit trail in PostgreSQL: appended one row per read, chained by hash, queried by auditors and
 * verified end to end. Appends serialise on an advisory lock so the chain has one order across processes; within a
 * process, concurrent appends share one transaction (group commit), and each returns only after its commit.
 */
@Component
public class AccessAuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final long CHAIN_LOCK = 0x4155444954L; // "AUDIT"
    /** Entries per transaction at most; more waiting go in the next one. */
    private static final int MAX_BATCH = 256;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final GroupCommit<AuditEntry> appends = new GroupCommit<>(this::appendInOneTransaction, MAX_BATCH);

    public AccessAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        // its own transaction always: a batch carries other requests' entries, whose callers return on its commit
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Returns once the entry is committed, chained after every entry committed before it. Concurrent readers' entries
     * are committed together (see {@link GroupCommit}), each batch in one transaction under the chain lock.
     */
    public void append(AuditEntry entry) {
        appends.submit(entry.withAt(entry.at().truncatedTo(ChronoUnit.MICROS)));
    }

    private void appendInOneTransaction(List<AuditEntry> entries) {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
            List<String> last = jdbc.queryForList("select hash from access_audit order by seq desc limit 1",
                    String.class);
            String previous = last.isEmpty() ? GENESIS : last.get(0);
            List<Object[]> rows = new ArrayList<>(entries.size());
            for (AuditEntry e : entries) {
                String hash = hash(previous, e);
                rows.add(new Object[] {Timestamp.from(e.at()), e.actor(), e.roles(), e.organization(), e.purpose(),
                        e.action(), e.patients(), e.outcome(), e.httpStatus(), e.returned(), e.emergencyAccessId(),
                        previous, hash});
                previous = hash;
            }
            // one batch, inserted in chain order: seq follows the order of the rows
            jdbc.batchUpdate("insert into access_audit (at, actor, roles, organization, purpose, action, patients, "
                    + "outcome, http_status, returned, emergency_access_id, prev_hash, hash) "
                    + "values (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
        });
    }

    /** Entries in order, filtered; any filter may be {@code null}. */
    public List<AuditEntry> find(Instant from, Instant to, String actor, String patient, String outcome, int limit) {
        StringBuilder sql = new StringBuilder("select * from access_audit where 1=1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" and at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and at < ?");
            args.add(Timestamp.from(to));
        }
        if (actor != null) {
            sql.append(" and actor = ?");
            args.add(actor);
        }
        if (patient != null) {
            sql.append(" and (',' || patients || ',') like ?");
            args.add("%," + patient.replace("%", "").replace("_", "\\_") + ",%");
        }
        if (outcome != null) {
            sql.append(" and outcome = ?");
            args.add(outcome);
        }
        sql.append(" order by seq limit ?");
        args.add(Math.max(1, Math.min(limit, 10_000)));
        return jdbc.query(sql.toString(), (rs, i) -> new AuditEntry(rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("roles"),
                rs.getString("organization"), rs.getString("purpose"), rs.getString("action"),
                rs.getString("patients"), rs.getString("outcome"), rs.getInt("http_status"),
                rs.getString("returned"), rs.getString("emergency_access_id")), args.toArray());
    }

    /** Recomputes the chain; the first row whose hash or link does not match, or -1 when intact. */
    public Verification verify() {
        long[] checked = {0};
        long[] broken = {-1};
        String[] previous = {GENESIS};
        jdbc.query("select * from access_audit order by seq", rs -> {
            if (broken[0] >= 0) {
                return;
            }
            AuditEntry entry = new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                    rs.getString("actor"), rs.getString("roles"), rs.getString("organization"),
                    rs.getString("purpose"), rs.getString("action"), rs.getString("patients"),
                    rs.getString("outcome"), rs.getInt("http_status"), rs.getString("returned"),
                    rs.getString("emergency_access_id"));
            String storedPrevious = rs.getString("prev_hash");
            String stored = rs.getString("hash");
            if (!previous[0].equals(storedPrevious) || !hash(storedPrevious, entry).equals(stored)) {
                broken[0] = entry.seq();
            }
            previous[0] = stored;
            checked[0]++;
        });
        return new Verification(broken[0] < 0, checked[0], broken[0]);
    }

    static String hash(String previous, AuditEntry e) {
        String content = String.join("\u001f", previous, e.at().toString(), e.actor(), e.roles(),
                Objects.toString(e.organization(), ""), Objects.toString(e.purpose(), ""), e.action(), e.patients(),
                e.outcome(), Integer.toString(e.httpStatus()), e.returned(),
                Objects.toString(e.emergencyAccessId(), ""));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e2) {
            throw new IllegalStateException(e2);
        }
    }

    /** @param firstBroken the first row that no longer matches its hash, -1 when the chain is intact */
    public record Verification(boolean intact, long checked, long firstBroken) {
    }
}
