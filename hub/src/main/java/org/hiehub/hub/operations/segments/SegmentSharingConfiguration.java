package org.hiehub.hub.operations.segments;

import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fair sharing of the pooled processors' segments between processes ({@link SegmentBalancer}). It works through
 * the JDBC token store and the {@code processor_member} table beside it, so it balances only when the token store
 * is Axon's JDBC one. That holds with {@code axon.axonserver.enabled=true} too: Axon Server then stores the events,
 * but the tokens stay in this PostgreSQL (the hub never uses Axon Server's token handling), so every process
 * still claims segments in {@code token_entry} and the table and the claims it balances are in the same database.
 * With any other token store (e.g. in memory) nothing is shared between processes, and each keeps all segments.
 */
@Configuration(proxyBeanMethods = false)
public class SegmentSharingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SegmentSharingConfiguration.class);

    @Bean
    SegmentShares segmentShares() {
        return new SegmentShares();
    }

    @Bean
    SmartLifecycle segmentBalancer(TokenStore tokenStore, DataSource dataSource, TokenSchema tokenSchema,
                                   SegmentShares shares, EventProcessingConfiguration processing,
                                   @Value("${hub.projections.sharing.enabled:true}") boolean enabled,
                                   @Value("${hub.projections.sharing.interval:2s}") Duration interval,
                                   @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        if (!enabled || !(tokenStore instanceof JdbcTokenStore)) {
            log.info("Segments are not balanced between processes (sharing enabled: {}, token store: {})", enabled,
                    tokenStore.getClass().getSimpleName());
            return new Idle();
        }
        // A member counts as long as its claims do: both age out after the claim timeout, so a killed process's
        // segments become free exactly when the others' shares grow to take them.
        return new SegmentBalancer(new ProcessorMembers(new JdbcTemplate(dataSource), tokenSchema), shares,
                processing, interval, claimTimeout);
    }

    /** Nothing to balance: every processor keeps Axon's default of claiming all the segments it can. */
    private static final class Idle implements SmartLifecycle {

        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
