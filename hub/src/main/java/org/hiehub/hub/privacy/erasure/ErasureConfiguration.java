package org.hiehub.hub.privacy.erasure;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.hub.privacy.PersonalDataKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Erasure belongs to the command role: it appends an event and deletes what the command side keeps. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('command')")
public class ErasureConfiguration {

    @Bean
    ErasureService erasureService(JdbcTemplate jdbc, CommandGateway commands, PersonalDataKeys keys,
                                  EventStore events, TransactionTemplate transaction) {
        return new ErasureService(jdbc, commands, keys, new DeadLetterAttribution(jdbc, events), transaction,
                Clock.systemUTC());
    }

    @Bean
    ErasureController erasureController(ErasureService erasures) {
        return new ErasureController(erasures);
    }
}
