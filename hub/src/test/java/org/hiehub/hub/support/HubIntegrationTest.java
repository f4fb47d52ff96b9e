package org.hiehub.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hiehub.hub.HubApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole hub (every role) on a throwaway database of a real PostgreSQL and an in-process mongo-java-server,
 * over HTTP on a random port. Tests sharing this annotation share one Spring context (and database), so they
 * must not assume an empty store: create their own patients with unique ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ThrowawayPostgres.class)
@TestPropertySource(properties = {
        "hub.data-dir=target/it-data",
        "hub.read-store.embedded-backend=memory",
        "hub.mllp.port=0",
        "axoniq.update-checker.disabled=true",
        // several hub contexts stay cached side by side in one test JVM (and multi-process tests start more):
        // small pools keep them all under PostgreSQL's default of 100 connections
        "spring.datasource.hikari.maximum-pool-size=6",
        "spring.datasource.hikari.minimum-idle=1",
        // an alert stream flushes its headers at once and then stays open: tests that call every endpoint
        // (RoleMatrixTest) would wait the production timeout of 30 minutes for its body
        "hub.alerts.stream.timeout=PT2S"})
public @interface HubIntegrationTest {
}
