package org.hiehub.hub.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hiehub.api.upcasting.ImmunizationDetailsUpcaster;
import org.hiehub.api.upcasting.ImmunizationRecordIdUpcaster;
import org.hiehub.api.upcasting.ObservationComponentsUpcaster;
import org.hiehub.api.upcasting.ObservationRecordedUpcaster;
import org.hiehub.hub.privacy.PersonalDataCipher;
import org.hiehub.hub.privacy.PersonalDataProtectingSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;

/**
 * Event store settings shared by every storage profile. Axon's JDBC auto-configuration builds the storage
 * engine and token store from these snake_case schemas (the same names the JPA engine uses, so a later move
 * is a configuration change); the tables come from the hub's Flyway migrations. With
 * {@code axon.axonserver.enabled=true} Axon Server holds the events and only the token store stays here.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return new TokenSchema.Builder()
                .setTokenTable("token_entry").setProcessorNameColumn("processor_name").setSegmentColumn("segment")
                .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Jackson for every message, with ISO-8601 dates; unknown properties are tolerated for forward compatibility. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // registered after JavaTimeModule, so it takes precedence for Instant
                .registerModule(new SimpleModule("iso-instants").addDeserializer(Instant.class,
                        new IsoInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver, ObjectMapper defaultAxonObjectMapper) {
        return jackson(revisionResolver, defaultAxonObjectMapper);
    }

    /** Events pass through the one seam that encrypts personal data with the data subject's key. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(RevisionResolver revisionResolver, ObjectMapper defaultAxonObjectMapper,
                               PersonalDataCipher cipher) {
        return new PersonalDataProtectingSerializer(jackson(revisionResolver, defaultAxonObjectMapper), cipher);
    }

    /** Old event shapes become today's on the way out of the store, oldest revision step first. */
    @Bean
    @Order(1)
    ObservationRecordedUpcaster observationRecordedUpcaster() {
        return new ObservationRecordedUpcaster();
    }

    @Bean
    @Order(2)
    ObservationComponentsUpcaster observationComponentsUpcaster() {
        return new ObservationComponentsUpcaster();
    }

    @Bean
    @Order(3)
    ImmunizationDetailsUpcaster immunizationDetailsUpcaster() {
        return new ImmunizationDetailsUpcaster();
    }

    @Bean
    @Order(4)
    ImmunizationRecordIdUpcaster immunizationRecordIdUpcaster() {
        return new ImmunizationRecordIdUpcaster();
    }

    private static JacksonSerializer jackson(RevisionResolver revisionResolver, ObjectMapper mapper) {
        return JacksonSerializer.builder().revisionResolver(revisionResolver).objectMapper(mapper).build();
    }
}
