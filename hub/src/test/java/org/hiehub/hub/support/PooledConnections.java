package org.hiehub.hub.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;

/** What a hub's PostgreSQL pool hands out, as its tests check it. */
public final class PooledConnections {

    private PooledConnections() {
    }

    /** Whether the pool's connections send a JDBC batch of inserts as one multi-row INSERT. */
    public static boolean rewriteBatchedInserts(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled();
        }
    }
}
