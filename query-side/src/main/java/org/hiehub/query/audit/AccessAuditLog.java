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
import org.springframework.stereotype.Component;

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
    private static final String HEAD = "coalesce((select hash from access_audit order by seq desc limit 1), '"
            + GENESIS + "')";
    /** Tries per batch; each failed one means another process appended meanwhile. */
    private static final int ATTEMPTS = 20;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final GroupCommit<AuditEntry> appends = new GroupCommit<>(this::appendInOneTransaction, MAX_BATCH);
    /** The chain's last hash as this process last saw it (at start, a guess: empty). Only batches touch it. */
    private volatile String head = GENESIS;

    public AccessAuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "the audit needs a data source");
    }

    /**
     * Returns once the entry is committed, chained after every entry committed before it. Concurrent readers' entries
     * are committed together (see {@link GroupCommit}), each batch in one transaction under the chain lock.
     */
    public void append(AuditEntry entry) {
        appends.submit(entry.withAt(entry.at().truncatedTo(ChronoUnit.MICROS)));
    }

    /**
     * Writes one batch in one round trip that also commits, chained to the head this process last saw: the chain
     * lock, an insert that only happens if the head is still that one, and a read of the head after it, sent together
     * on an auto-commit connection. There they form one implicit transaction, committed (durably, as any commit) when
     * all three have run; under READ COMMITTED each statement takes its snapshot once the one before has run, so the
     * guard and the head are read under the lock. When another process appended meanwhile (or at start, unless the
     * chain is empty) nothing is inserted, and the batch is chained again to the head that came back.
     */
    private void appendInOneTransaction(List<AuditEntry> entries) {
        String known = head;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<Object[]> rows = chained(known, entries);
            Appended appended = appendAfter(known, rows);
            head = appended.head();
            if (appended.inserted()) {
                return;
            }
            known = appended.head();
        }
        throw new IllegalStateException("the access audit's chain moved on " + ATTEMPTS + " times while appending");
    }

    private record Appended(boolean inserted, String head) {
    }

    private Appended appendAfter(String known, List<Object[]> rows) {
        StringBuilder sql = new StringBuilder("select pg_advisory_xact_lock(").append(CHAIN_LOCK).append(");"
                + " insert into access_audit (" + COLUMNS + ") select * from (values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?::timestamptz,?,?,?,?,?,?,?,?::int,?,?,?,?)");
        }
        sql.append(") as entry (" + COLUMNS + ") where " + HEAD + " = ?; select " + HEAD);
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
                statement.execute(); // the lock's result
                statement.getMoreResults();
                int inserted = statement.getUpdateCount();
                if (inserted != 0 && inserted != rows.size()) {
                    throw new IllegalStateException("the audit insert answered " + inserted + " rows for "
                            + rows.size());
                }
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("the audit chain's head was not answered");
                }
                try (ResultSet last = statement.getResultSet()) {
                    last.next();
                    return new Appended(inserted > 0, last.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("the access audit could not be appended", e);
        }
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
