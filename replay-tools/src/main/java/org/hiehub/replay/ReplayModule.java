package org.hiehub.replay;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Rebuild and replay services. They drive the projections, so they live where the projections run. */
@Configuration
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
@ComponentScan
public class ReplayModule {
}
