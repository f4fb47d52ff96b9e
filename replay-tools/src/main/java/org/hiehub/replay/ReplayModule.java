package org.hiehub.replay;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Rebuild and replay services. They drive the projections, so they live where the projections run; the replay CLI
 * starts the hub with {@code hub.roles=replay} to get them without running any projection of its own.
 */
@Configuration
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')"
        + " or '${hub.roles:command,projections,query}'.contains('replay')")
@ComponentScan
public class ReplayModule {
}
