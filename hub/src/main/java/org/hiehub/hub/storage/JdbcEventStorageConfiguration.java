package org.hiehub.hub.storage;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC storage engine as Axon's auto-configuration builds it, except for how many events one query fetches
 * ({@code hub.event-store.fetch-batch-size}). Axon's default of 100 made a replay a query per 100 events: at the
 * 1,000-event batches of a rebuild, ten round trips (and gap checks) per batch. Timestamps are parsed once
 * (see {@link TimestampParsingJdbcEventStorageEngine}). Not used with Axon Server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class JdbcEventStorageConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver exceptions,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axon,
                                          ConnectionProvider connections, TransactionManager transactions,
                                          EventSchema schema,
                                          @Value("${hub.event-store.fetch-batch-size:1000}") int fetchBatchSize) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(exceptions)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .batchSize(fetchBatchSize);
        return new TimestampParsingJdbcEventStorageEngine(builder, schema);
    }
}
