package org.hiehub.api.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Pseudonymous id of one source's patient record (source system + local id). It is derived with a keyed hash
 * so that the event store's aggregate identifiers never reveal a medical record number.
 */
public record SourceRecordId(@JsonValue String value) {

    public SourceRecordId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("source record id must not be blank");
        }
    }

    @JsonCreator
    public static SourceRecordId of(String value) {
        return new SourceRecordId(value);
    }

    /** Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}
