package org.hiehub.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
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
    private static final String COLUMNS = "at, actor, roles, organization, purpose, action, patients, outcome, "
            + "http_status, returned, emergency_access_id, prev_hash, hash";
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final GroupCommit<AuditEntry> appends = new GroupCommit<>(this::appendInOneTransaction, MAX_BATCH);
    /** The chain's last hash as this process last committed it; null until it has written. Only batches touch it. */
    private volatile String head;

    public AccessAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "the audit needs a data source");
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

    /**
     * Writes one batch. Usually in one round trip that also commits: this process knows the chain's head, since it
     * wrote it, and the insert only happens if the head is still that one. Otherwise (at start, or after another
     * process appended) the head is read under the lock first.
     */
    private void appendInOneTransaction(List<AuditEntry> entries) {
        String known = head;
        if (known == null || !appendAfter(known, entries)) {
            head = transactions.execute(status -> {
                List<Object[]> rows = chained(lockChainAndReadLastHash(), entries);
                // one batch, inserted in chain order: seq follows the order of the rows
                jdbc.batchUpdate("insert into access_audit (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
                return lastHash(rows);
            });
        }
    }

    /**
     * Appends after {@code known} if it is still the chain's head, in one round trip: the lock and the guarded insert
     * are sent together on an auto-commit connection, where they form one implicit transaction that the server
     * commits (durably, as any commit) when both have run. The insert's snapshot is taken once the lock is held.
     *
     * @return false, with nothing written, when the head has moved on
     */
    private boolean appendAfter(String known, List<AuditEntry> entries) {
        List<Object[]> rows = chained(known, entries);
        StringBuilder sql = new StringBuilder("select pg_advisory_xact_lock(").append(CHAIN_LOCK).append(");"
                + " insert into access_audit (" + COLUMNS + ") select * from (values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?::timestamptz,?,?,?,?,?,?,?,?::int,?,?,?,?)");
        }
        sql.append(") as entry (" + COLUMNS + ") where (select hash from access_audit order by seq desc limit 1) = ?");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int parameter = 1;
                for (Object[] row : rows) {
                    for (Object value : row) {
                        statement.setObject(parameter++, value);
                    }
                }
                statement.setString(parameter, known);
                statement.execute();
                statement.getMoreResults();
                int inserted = statement.getUpdateCount();
                if (inserted == 0) {
                    return false;
                }
                if (inserted != rows.size()) {
                    throw new IllegalStateException("the audit insert answered " + inserted + " rows for "
                            + rows.size());
                }
                head = lastHash(rows);
                return true;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("the access audit could not be appended", e);
        }
    }

    private static String lastHash(List<Object[]> rows) {
        return (String) rows.get(rows.size() - 1)[12];
    }

    /** The rows to insert, in the order of {@link #COLUMNS}, each chained to the one before, the first to previous. */
    private List<Object[]> chained(String previous, List<AuditEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            String hash = hash(previous, e);
            rows.add(new Object[] {Timestamp.from(e.at()), e.actor(), e.roles(), e.organization(), e.purpose(),
                    e.action(), e.patients(), e.outcome(), e.httpStatus(), e.returned(), e.emergencyAccessId(),
                    previous, hash});
            previous = hash;
        }
        return rows;
    }

    /**
     * Takes the chain lock and reads the last hash in one round trip: two statements sent together. They stay two
     * statements because under READ COMMITTED each takes its own snapshot, the second only once the lock is held,
     * so it sees every entry committed before the lock was let go.
     */
    private String lockChainAndReadLastHash() {
        return jdbc.execute((StatementCallback<String>) statement -> {
            statement.execute("select pg_advisory_xact_lock(" + CHAIN_LOCK + ");"
                    + " select hash from access_audit order by seq desc limit 1");
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("the audit chain's last hash was not answered");
            }
            try (ResultSet last = statement.getResultSet()) {
                return last.next() ? last.getString(1) : GENESIS;
            }
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
