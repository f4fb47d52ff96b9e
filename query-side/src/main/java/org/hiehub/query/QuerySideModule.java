package org.hiehub.query;

import com.mongodb.client.MongoDatabase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.hiehub.projections.status.ProjectionStatus;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.beans.factory.annotation.Value;
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

    /** The OpenAPI description at /v3/api-docs (Swagger UI: /swagger-ui.html), served from the jar, no CDN. */
    @Bean
    OpenAPI hubOpenApi() {
        return new OpenAPI().info(new Info().title("HIE Hub API").version("v1").description(
                "Read API over pre-built views (patients, timeline, care gaps, alerts, quality, measures), the FHIR R4 "
                        + "read facade under /fhir, ingestion and identity commands. Every read answers "
                        + "X-Hub-View-Position; pass minPosition to read your own write."));
    }

    @Bean
    @ConditionalOnMissingBean
    ProjectionStatus projectionStatus(MongoDatabase readStore) {
        return new ProjectionStatus(readStore);
    }

    @Bean
    @ConditionalOnMissingBean
    ReadModels readModels(MongoDatabase readStore,
                          @Value("${hub.read-models.pointer-refresh-ms:500}") long refreshMillis) {
        return new ReadModels(readStore, refreshMillis);
    }
}
