package org.hiehub.api.ingestion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Identity of one ingested message: derived from sender + control id (HL7 MSH-10, FHIR Bundle.id/identifier)
 * when the message has one, else from its content hash. The same message sent twice has the same key.
 */
public record MessageKey(@JsonValue String value) {

    public MessageKey {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static MessageKey of(String value) {
        return new MessageKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
