package org.hiehub.replay.integrity;

import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The hash chain where the hub can keep one: over the JDBC event store. With Axon Server holding the events the
 * chain is not kept, and {@code verify} says so instead of pretending (Axon Server guards its own files).
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfiguration {

    static final String JDBC_EVENTS = "!${axon.axonserver.enabled:true}";

    @Bean
    EventHashChain eventHashChain(@Value("${axon.axonserver.enabled:true}") boolean axonServer,
                                  DataSource dataSource, PlatformTransactionManager transactions) {
        if (axonServer) {
            return new NoHashChain("events are stored in Axon Server, not in the hub's PostgreSQL: the hub keeps "
                    + "no hash chain over them; rely on Axon Server's own integrity checks");
        }
        return new JdbcEventHashChain(dataSource, transactions);
    }

    /** The recorder runs with the projections (never in a replay CLI process) and only over the JDBC store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections') and "
            + JDBC_EVENTS)
    static class Recording {

        @Bean
        EventChainRecorder eventChainRecorder(EventHashChain chain) {
            return new EventChainRecorder(chain);
        }

        /**
         * One segment, always: the chain is a single sequence, so one thread extends it, whatever
         * {@code hub.projections.default-segments} gives the projections.
         */
        @Autowired
        void singleSegment(EventProcessingConfigurer processing,
                           @Value("${hub.projections.default-batch-size:200}") int batchSize) {
            processing.registerPooledStreamingEventProcessor(EventChainRecorder.GROUP,
                    org.axonframework.config.Configuration::eventStore,
                    (configuration, builder) -> builder.initialSegmentCount(1).batchSize(batchSize));
        }
    }
}
