package org.hiehub.command.caching;

import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caches for the aggregates a message touches again and again: a returning patient's source record is updated by
 * nearly every message about them, and without a cache each command re-reads and decrypts its whole stream.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCaches {

    @Bean
    Cache sourceRecordCache(@Value("${hub.command.aggregate-cache-size:50000}") int size) {
        return new CommittedAggregateCache(size);
    }

    @Bean
    Cache masterPatientCache(@Value("${hub.command.aggregate-cache-size:50000}") int size) {
        return new CommittedAggregateCache(size);
    }
}
