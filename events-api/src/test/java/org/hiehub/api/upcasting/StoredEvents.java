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

/** An event as the store would hold it at some revision, read through an upcaster chain. */
final class StoredEvents {

    static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private StoredEvents() {
    }

    /** The payload of {@code type} stored at {@code revision}, upcast; asserts the revision it comes out at. */
    static JsonNode upcast(EventUpcasterChain chain, Class<?> type, String revision, String payload,
                           String expectedRevision) {
        byte[] metaData = SERIALIZER.serialize(MetaData.emptyInstance(), byte[].class).getData();
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("SourceRecord", "sr-1", 0, "e-1",
                Instant.parse("2026-11-22T10:00:00Z"), type.getName(), revision,
                payload.getBytes(StandardCharsets.UTF_8), metaData);
        List<IntermediateEventRepresentation> out = chain.upcast(Stream.of(
                new InitialEventRepresentation(stored, SERIALIZER))).toList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getType().getRevision()).isEqualTo(expectedRevision);
        return out.get(0).getData(JsonNode.class).getData();
    }
}
