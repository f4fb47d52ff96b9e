package org.hiehub.query;

import com.mongodb.client.MongoDatabase;
import org.hiehub.projections.status.ProjectionStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The query role: the read API over the MongoDB views. Active unless {@code hub.roles} leaves out {@code query}. */
@Configuration
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('query')")
@ComponentScan
public class QuerySideModule {

    @Bean
    @ConditionalOnMissingBean
    ProjectionStatus projectionStatus(MongoDatabase readStore) {
        return new ProjectionStatus(readStore);
    }
}
