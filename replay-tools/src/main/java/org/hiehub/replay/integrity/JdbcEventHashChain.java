package org.hiehub.replay.integrity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain kept in PostgreSQL beside the JDBC event store ({@code event_hash_chain}, Flyway V11). It hashes the
 * rows of {@code domain_event_entry} byte for byte, so it is storage-specific by nature and sits behind
 * {@link EventHashChain}. Appends run inside the event-chain processor's transaction, together with its token.
 */
public class JdbcEventHashChain implements EventHashChain {

    private static final String EVENT_COLUMNS =
            "global_index, event_identifier, payload_type, payload_revision, payload, meta_data";
    /**
     * Rows of a table for a batch of event ids, one unique-index probe per id. As {@code event_identifier = any(?)}
     * PostgreSQL read the whole table whenever its statistics lagged behind the log's growth (up to 1,500 scans of
     * the event table in an 8,000-message benchmark).
     */
    private static final String PROBED_BY_EVENT_ID = "select %1$s from unnest(?::varchar[]) as q(id) cross join "
            + "lateral (select %1$s from %2$s t where t.event_identifier = q.id offset 0) found";
    private static final String CHAINED_IDS = PROBED_BY_EVENT_ID.formatted("event_identifier", "event_hash_chain");
    private static final String STORED_EVENTS = PROBED_BY_EVENT_ID.formatted(EVENT_COLUMNS, "domain_event_entry");
    private static final int FETCH_SIZE = 1_000;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public JdbcEventHashChain(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public void append(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        String[] ids = eventIds.toArray(String[]::new);
        Set<String> chained = new HashSet<>(jdbc.query(byEventIds(CHAINED_IDS, ids), (rs, i) -> rs.getString(1)));
        Map<String, StoredEvent> stored = new HashMap<>();
        jdbc.query(byEventIds(STORED_EVENTS, ids), (ResultSet rs) -> {
            StoredEvent event = stored(rs, 0);
            stored.put(event.eventId(), event);
        });
        List<Object[]> rows = new ArrayList<>();
        Link last = jdbc.query("select chain_seq, hash from event_hash_chain order by chain_seq desc limit 1",
                rs -> rs.next() ? new Link(rs.getLong(1), rs.getBytes(2)) : new Link(0, ChainHash.GENESIS));
        for (String id : eventIds) {
            if (!chained.add(id)) {
                continue;
            }
            StoredEvent event = stored.get(id);
            if (event == null) {
                throw new IllegalStateException("event " + id + " was delivered but is not in domain_event_entry");
            }
            last = new Link(last.seq() + 1, ChainHash.next(last.hash(), event));
            rows.add(new Object[] {last.seq(), event.globalIndex(), id, last.hash()});
        }
        jdbc.batchUpdate("insert into event_hash_chain (chain_seq, global_index, event_identifier, hash) "
                + "values (?, ?, ?, ?)", rows);
    }

    /** A query for a batch's rows by event id, its one parameter the ids (see {@link #PROBED_BY_EVENT_ID}). */
    private static PreparedStatementCreator byEventIds(String sql, String[] ids) {
        return con -> {
            var statement = con.prepareStatement(sql);
            statement.setArray(1, con.createArrayOf("varchar", ids));
            return statement;
        };
    }

    @Override
    public ChainVerification verify() {
        return readOnly.execute(status -> {
            // a cursor (fetch size inside a transaction) keeps memory flat however long the log is
            Walk walk = new Walk();
            jdbc.query("select c.chain_seq, c.global_index, c.event_identifier, c.hash, "
                    + "e.global_index, e.event_identifier, e.payload_type, e.payload_revision, e.payload, e.meta_data "
                    + "from event_hash_chain c left join domain_event_entry e on e.global_index = c.global_index "
                    + "order by c.chain_seq", (ResultSet rs) -> walk.check(rs));
            Unchained unchained = jdbc.queryForObject("select count(*), min(e.global_index) from domain_event_entry e "
                    + "where not exists (select 1 from event_hash_chain c where c.global_index = e.global_index)",
                    (rs, i) -> new Unchained(rs.getLong(1), (Long) rs.getObject(2)));
            return new ChainVerification(walk.checked, walk.headIndex, ChainVerification.hex(walk.previous),
                    walk.breakAt, walk.reason, unchained.count(), unchained.first());
        });
    }

    private static StoredEvent stored(ResultSet rs, int offset) throws SQLException {
        return new StoredEvent(rs.getLong(offset + 1), rs.getString(offset + 2), rs.getString(offset + 3),
                rs.getString(offset + 4), rs.getBytes(offset + 5), rs.getBytes(offset + 6));
    }

    /** Recomputes link after link; stops looking once broken (later links all depend on the broken one). */
    private static final class Walk {
        long checked;
        long headIndex = -1;
        byte[] previous = ChainHash.GENESIS;
        long expectedSeq = 1;
        Long breakAt;
        String reason;

        void check(ResultSet rs) throws SQLException {
            if (breakAt != null) {
                return;
            }
            long seq = rs.getLong(1);
            long index = rs.getLong(2);
            String chainedId = rs.getString(3);
            byte[] recorded = rs.getBytes(4);
            if (seq != expectedSeq) {
                fail(index, "chain entry " + expectedSeq + " is missing");
            } else if (rs.getObject(5) == null) {
                fail(index, "the event chained at this position is no longer stored");
            } else {
                StoredEvent event = stored(rs, 4);
                byte[] recomputed = ChainHash.next(previous, event);
                if (!event.eventId().equals(chainedId)) {
                    fail(index, "a different event is stored at this position");
                } else if (!Arrays.equals(recomputed, recorded)) {
                    fail(index, "the stored event no longer matches its hash (payload, metadata, type or revision "
                            + "changed)");
                } else {
                    previous = recomputed;
                    headIndex = index;
                    checked++;
                    expectedSeq++;
                }
            }
        }

        private void fail(long index, String why) {
            breakAt = index;
            reason = why;
        }
    }

    private record Link(long seq, byte[] hash) {
    }

    private record Unchained(long count, Long first) {
    }
}
