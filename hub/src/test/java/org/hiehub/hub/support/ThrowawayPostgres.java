package org.hiehub.hub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each Spring test context its own database on a real PostgreSQL server ({@code HUB_TEST_PG}, default the
 * local server on 127.0.0.1:5432, trust auth), created fresh and dropped when the JVM exits. The schema comes
 * from the hub's own Flyway migrations, exactly as in production.
 */
public class ThrowawayPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String SERVER = System.getenv().getOrDefault("HUB_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = "hub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(database)));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("throwaway-postgres", Map.of(
                "spring.datasource.url", SERVER + database,
                "spring.datasource.username", USER,
                "spring.datasource.password", "")));
    }

    public static String url(String database) {
        return SERVER + database;
    }

    private static void drop(String database) {
        try {
            execute("drop database if exists " + database + " with (force)");
        } catch (IllegalStateException e) {
            // the server may already be gone at JVM exit; the database name is unique, nothing else uses it
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
