package org.hiehub.hub.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.hiehub.hub.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup default: a real PostgreSQL (zonky's binaries from Maven Central) started and stopped with the hub,
 * its data under {@code <hub.data-dir>/postgres} so events survive restarts. Used whenever no
 * {@code spring.datasource.url} is configured; an external PostgreSQL runs the same schema and SQL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * The data directory is held from before the server starts until after it stops (see
     * {@link EmbeddedPostgresDirectory}): the server's bean takes its paths from here, so Spring creates the lock
     * first and releases it last.
     */
    @Bean
    EmbeddedPostgresDirectory embeddedPostgresDirectory(DataDirectoryLock dataDirectory) throws IOException {
        return EmbeddedPostgresDirectory.claim(dataDirectory);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HubProperties hub, EmbeddedPostgresDirectory directory) throws IOException {
        Path pgData = directory.pgData();
        Path runtime = directory.runtime();
        Files.createDirectories(runtime);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(runtime.toFile())
                .setPort(hub.postgres().port())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // the library is made for tests: it starts the server with fsync off (-F) and synchronous_commit off,
                // so a commit (and the ACK sent after it) could be lost, and the files corrupted, by a power loss or
                // an OS crash. The hub acknowledges only what is durably stored, so both are on again.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Stopped by this bean's close, after everything that uses it: the library's own JVM hook ran beside
                // Spring's on SIGTERM and killed the server first, so each shutdown step still writing (processor
                // membership, token claims) waited out the pool's 30 s connection timeout.
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", postgres.getPort(), pgData);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(16);
        config.setPoolName("hub-embedded-postgres");
        // as spring.datasource.hikari.data-source-properties does for an external server (application.yml)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
