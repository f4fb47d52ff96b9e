package org.hiehub.hub.storage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the instants the hub writes ({@code 2026-01-01T10:00:00Z}, {@code …:00.123Z}: UTC, ISO 8601) with
 * {@link IsoInstants}, and anything else (offsets, numbers, {@code @JsonFormat}) with jsr310's own deserializer.
 * {@link java.time.format.DateTimeFormatter} parsing was a tenth of a rebuild's event deserialization.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant parsed = IsoInstants.parse(parser.getText());
            if (parsed != null) {
                return parsed;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** Annotated properties (a {@code @JsonFormat}) get jsr310's deserializer configured for them. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> contextual = InstantDeserializer.INSTANT.createContextual(context, property);
        return contextual == InstantDeserializer.INSTANT ? this : contextual;
    }
}
