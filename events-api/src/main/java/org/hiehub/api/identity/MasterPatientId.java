package org.hiehub.api.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Id of a master patient: the hub's one person behind any number of linked source records. */
public record MasterPatientId(@JsonValue String value) {

    public MasterPatientId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("master patient id must not be blank");
        }
    }

    @JsonCreator
    public static MasterPatientId of(String value) {
        return new MasterPatientId(value);
    }

    public static MasterPatientId random() {
        return new MasterPatientId(UUID.randomUUID().toString());
    }

    /** Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}
