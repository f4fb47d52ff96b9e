package org.hiehub.hub.operations.segments;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code processor_member} table (who runs which processor, with a heartbeat) and the segment counts of Axon's
 * JDBC token store. Reads {@code token_entry} directly: the {@code TokenStore} interface can only list one named
 * processor's segments at a time.
 */
class ProcessorMembers {

    private final JdbcTemplate jdbc;
    private final TokenSchema tokens;

    ProcessorMembers(JdbcTemplate jdbc, TokenSchema tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    /** One statement for all of this process's processors: the heartbeat is a single upsert every few seconds. */
    void heartbeat(String member, Collection<String> processors) {
        if (processors.isEmpty()) {
            return;
        }
        jdbc.execute((Connection connection) -> {
            Array names = connection.createArrayOf("varchar", processors.toArray());
            try (PreparedStatement statement = connection.prepareStatement("insert into processor_member "
                    + "(processor_name, member, heartbeat) select unnest(?), ?, now() "
                    + "on conflict (processor_name, member) do update set heartbeat = now()")) {
                statement.setArray(1, names);
                statement.setString(2, member);
                return statement.executeUpdate();
            }
        });
    }

    /** The members of each processor whose last heartbeat is younger than {@code timeout}, by the database's clock. */
    Map<String, Set<String>> live(Duration timeout) {
        Map<String, Set<String>> live = new HashMap<>();
        jdbc.query("select processor_name, member from processor_member "
                        + "where heartbeat > now() - make_interval(secs => ?)",
                row -> {
                    live.computeIfAbsent(row.getString(1), p -> new HashSet<>()).add(row.getString(2));
                }, timeout.toMillis() / 1000.0);
        return live;
    }

    Map<String, Integer> segmentCounts() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("select " + tokens.processorNameColumn() + ", count(*) from " + tokens.tokenTable()
                + " group by " + tokens.processorNameColumn(), row -> {
                    counts.put(row.getString(1), row.getInt(2));
                });
        return counts;
    }

    /** On an orderly stop: the others need not wait for the heartbeat to age before taking the segments over. */
    void leave(String member) {
        jdbc.update("delete from processor_member where member = ?", member);
    }

    /** Rows of processes long gone (killed, so they never left); kept small, never needed for correctness. */
    void forgetOlderThan(Duration age) {
        jdbc.update("delete from processor_member where heartbeat < now() - make_interval(secs => ?)",
                age.toMillis() / 1000.0);
    }
}
