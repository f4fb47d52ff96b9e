package org.hiehub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.PooledConnections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A JDBC batch of inserts (a message's events, their hash-chain links, a record's blocking keys) reaches PostgreSQL
 * as one multi-row INSERT: on an external server through application.yml's data-source properties, on the embedded
 * one through its own pool ({@code EmbeddedDefaultsTest} checks that). Per statement PostgreSQL and the driver spent
 * about an eighth of an HL7 message's machine CPU on rows sent one statement each.
 */
@HubIntegrationTest
class BatchedInsertsTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_hub_s_connections_send_a_batch_of_inserts_as_one_statement() throws SQLException {
        assertThat(PooledConnections.rewriteBatchedInserts(dataSource)).isTrue();
    }
}
