package org.hiehub.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.hiehub.api.clinical.ObservationRecorded;
import org.junit.jupiter.api.Test;

/** The stored shapes of ObservationRecorded, each read through the chain the hub registers (1 → 2 → 3). */
class ObservationUpcastersTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final EventUpcasterChain CHAIN = new EventUpcasterChain(new ObservationRecordedUpcaster(),
            new ObservationComponentsUpcaster());

    @Test
    void a_revision_1_event_gains_its_structured_range_and_an_empty_list_of_components() {
        JsonNode upcast = upcast("1", """
                {"factId":"f1","referenceRange":"70-99","quantity":{"value":101,"unitAsSent":"mg/dL"}}""", "3");

        assertThat(upcast.at("/structuredReferenceRange/low").decimalValue()).isEqualByComparingTo("70");
        assertThat(upcast.at("/structuredReferenceRange/unit").asText()).isEqualTo("mg/dL");
        assertThat(upcast.path("components").isArray()).isTrue();
        assertThat(upcast.path("components")).isEmpty();
    }

    @Test
    void a_revision_2_event_gains_only_an_empty_list_of_components() {
        JsonNode upcast = upcast("2", """
                {"factId":"f1","referenceRange":"70-99","structuredReferenceRange":null}""", "3");

        assertThat(upcast.path("components").isArray()).isTrue();
        assertThat(upcast.path("structuredReferenceRange").isNull()).as("left as it was stored").isTrue();
    }

    @Test
    void a_revision_3_event_is_left_as_it_is() {
        JsonNode upcast = upcast("3", """
                {"factId":"f1","components":[{"valueType":"Quantity"}]}""", "3");

        assertThat(upcast.path("components")).hasSize(1);
    }

    private static JsonNode upcast(String revision, String payload, String expectedRevision) {
        byte[] metaData = SERIALIZER.serialize(MetaData.emptyInstance(), byte[].class).getData();
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("SourceRecord", "sr-1", 0, "e-1",
                Instant.parse("2026-11-22T10:00:00Z"), ObservationRecorded.class.getName(), revision,
                payload.getBytes(StandardCharsets.UTF_8), metaData);
        List<IntermediateEventRepresentation> out = CHAIN.upcast(Stream.of(
                new InitialEventRepresentation(stored, SERIALIZER))).toList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getType().getRevision()).isEqualTo(expectedRevision);
        return out.get(0).getData(JsonNode.class).getData();
    }
}
