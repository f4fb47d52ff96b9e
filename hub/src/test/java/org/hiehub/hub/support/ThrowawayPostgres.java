package org.hiehub.hub.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each Spring test context its own database on a real PostgreSQL server ({@code HUB_TEST_PG}, default the
 * local server on 127.0.0.1:5432, trust auth), created fresh and dropped as the very last step of closing the
 * context (after Axon and the connection pool have stopped using it). Databases of test JVMs that ended without
 * closing their contexts are swept when a new one is created. The schema comes from the hub's own Flyway
 * migrations, exactly as in production.
 */
public class ThrowawayPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PREFIX = "hub_it_";
    static final String SERVER = System.getenv().getOrDefault("HUB_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        sweepAbandoned();
        String database = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("create database " + database);
        // The first singleton registered is the last destroyed: the database goes once nothing uses it any more.
        context.getBeanFactory().registerSingleton("throwawayPostgresDatabase", (DisposableBean) () -> drop(database));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("throwaway-postgres", Map.of(
                "spring.datasource.url", SERVER + database,
                "spring.datasource.username", USER,
                "spring.datasource.password", "")));
    }

    /** A fresh database for tests that start hub processes of their own; drop it with {@link #drop(String)}. */
    public static String createDatabase() {
        sweepAbandoned();
        String database = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("create database " + database);
        return database;
    }

    public static String url(String database) {
        return SERVER + database;
    }

    public static void drop(String database) {
        try {
            execute("drop database if exists " + database + " with (force)");
        } catch (IllegalStateException e) {
            // the server may be gone; the next run's sweep removes the database
        }
    }

    /** Test databases older than an hour that nobody is connected to: left by a JVM that never closed them. */
    private static void sweepAbandoned() {
        long cutoff = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database d where datname like 'hub\\_it\\_%' "
                     + "and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)")) {
            List<String> abandoned = new ArrayList<>();
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    abandoned.add(name);
                }
            }
            for (String name : abandoned) {
                s.execute("drop database if exists " + name);
            }
        } catch (SQLException e) {
            // sweeping is housekeeping; creating this run's database reports a real problem
        }
    }

    static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests not reachable at " + SERVER
                    + " (start it: pg_ctlcluster 15 main start): " + e.getMessage(), e);
        }
    }
}
