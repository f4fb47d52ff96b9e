package org.hiehub.projections;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.hiehub.projections.status.ProjectionMetrics;
import org.hiehub.projections.status.ProjectionStatus;
import org.hiehub.projections.status.ProjectionStatusPublisher;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SurvivorshipRules;
import org.hiehub.projections.terminology.Terminology;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.projections.versions.ReadModels;
import org.hiehub.projections.versions.RebuildableProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The projections role: every read-model projection of this module, each in its own processing group.
 * Active unless {@code hub.roles} leaves out {@code projections}.
 */
@Configuration
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
@ComponentScan
public class ProjectionsModule {

    @Bean
    ProjectionStatusPublisher projectionStatusPublisher(EventProcessingConfiguration processing,
                                                       MongoDatabase readStore, Serializer serializer) {
        return new ProjectionStatusPublisher(processing, readStore, serializer, Clock.systemUTC());
    }

    @Bean
    ProjectionMetrics projectionMetrics(EventProcessingConfiguration processing, EventStore eventStore,
                                        MeterRegistry registry) {
        return new ProjectionMetrics(processing, eventStore, registry);
    }

    /** Shared with the query side, which declares its own when this role is off. */
    @Bean
    ReadModels readModelsForProjections(MongoDatabase readStore,
                                        @Value("${hub.read-models.pointer-refresh-ms:500}") long refreshMillis) {
        return new ReadModels(readStore, refreshMillis);
    }

    @Bean
    RebuildableProjection patientSummaryRebuild(SurvivorshipRules survivorship) {
        return PatientSummaryProjection.rebuildable(survivorship);
    }

    @Bean
    RebuildableProjection timelineRebuild(Terminology terminology) {
        return TimelineProjection.rebuildable(terminology);
    }

    /** Shared with the query side, which declares its own when this role is off. */
    @Bean
    ProjectionStatus projectionStatusForProjections(MongoDatabase readStore) {
        return new ProjectionStatus(readStore);
    }
}
