package org.hiehub.hub.deadevents;

import java.util.Arrays;
import java.util.Set;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.hiehub.command.identity.index.IdentityIndexUpdater;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Poison events are parked, not skipped and not retried forever: every read-model processing group gets Axon's
 * JDBC dead-letter queue in PostgreSQL (table {@code dead_letter_entry}, from the hub's migrations). An event a
 * projection cannot handle is parked with its error, together with the later events of the same sequence (the same
 * aggregate) so their order holds; other sequences and other projections go on. {@link ParkOrRetry} decides what
 * counts as poison: an unreachable read store is not, that is retried with back-off instead.
 * <p>
 * The queue lives in PostgreSQL whether events are in PostgreSQL or in Axon Server (the token store is there in both
 * set-ups). The identity index ({@code identity-index}) is left out on purpose: the command side matches against it,
 * so it must never run with a hole; its failures stop it and retry.
 * <p>
 * A {@link ConfigurerModule} with the highest order, so this provider replaces the one Axon's JDBC
 * auto-configuration registers (which would switch queues on per processor property only).
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterQueues {

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry").deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group").sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index").messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier").timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
            .metaDataColumn("meta_data").aggregateTypeColumn("type").aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number").tokenTypeColumn("token_type").tokenColumn("token")
            .enqueuedAtColumn("enqueued_at").lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started").causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message").diagnosticsColumn("diagnostics")
            .build();
    private static final Set<String> NEVER_PARKED = Set.of(IdentityIndexUpdater.GROUP);

    @Bean
    ConfigurerModule deadLetterQueueModule(ConnectionProvider connections, TransactionManager transactions,
                                           ApplicationContext context,
                                           @Value("${hub.projections.dead-letters.enabled:true}") boolean enabled,
                                           @Value("${hub.projections.dead-letters.max-sequences:1024}") int maxSequences) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                // Without this Axon's default handler logs a failing event and moves on: the view would miss it.
                configurer.eventProcessing().registerDefaultListenerInvocationErrorHandler(
                        configuration -> PropagatingErrorHandler.instance());
                if (!enabled) {
                    configurer.eventProcessing().registerDeadLetterQueueProvider(group -> null);
                    return;
                }
                configurer.eventProcessing()
                        .registerDefaultDeadLetterPolicy(configuration -> new ParkOrRetry())
                        .registerDeadLetterQueueProvider(group -> NEVER_PARKED.contains(group) ? null
                                : configuration -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                        .processingGroup(group).connectionProvider(connections)
                                        .transactionManager(transactions).schema(SCHEMA)
                                        .genericSerializer(configuration.serializer())
                                        .eventSerializer(configuration.eventSerializer())
                                        .maxSequences(maxSequences)
                                        .build());
                // Without the cache the invoker asks the queue (an SQL query) whether each event's sequence is parked,
                // in every processor: a tenth of the projections' CPU at ingest. With it a segment that found its
                // queue empty when it was claimed knows which sequences it parked since and asks nothing; otherwise
                // it remembers the last 1,024 sequences it found not parked (Axon's cache, cleared on release).
                processingGroups(context).filter(group -> !NEVER_PARKED.contains(group)).forEach(group ->
                        configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (configuration, builder) -> builder.enableSequenceIdentifierCache()));
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** The processing groups of the hub's event handlers, read from their beans' annotations (none is created). */
    private static java.util.stream.Stream<String> processingGroups(ApplicationContext context) {
        return Arrays.stream(context.getBeanNamesForAnnotation(ProcessingGroup.class))
                .map(name -> context.findAnnotationOnBean(name, ProcessingGroup.class))
                .filter(java.util.Objects::nonNull).map(ProcessingGroup::value).distinct();
    }
}
