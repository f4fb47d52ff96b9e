package org.hiehub.command;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The command role: aggregates, identity resolution and the command API. Active unless {@code hub.roles}
 * leaves out {@code command}.
 */
@Configuration
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('command')")
@ComponentScan
public class CommandSideModule {
}
