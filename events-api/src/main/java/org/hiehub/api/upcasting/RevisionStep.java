package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One step of an event's history: its stored JSON at revision {@code from} becomes revision {@code to}. Works on
 * the stored form, where personal fields are ciphertext: a step reads and writes only fields that are not personal.
 */
abstract class RevisionStep extends SingleEventUpcaster {

    private final String type;
    private final String from;
    private final String to;

    RevisionStep(Class<?> type, String from, String to) {
        this.type = type.getName();
        this.from = from;
        this.to = to;
    }

    /** The payload of revision {@code from}, changed in place into revision {@code to}. */
    abstract void upcast(ObjectNode payload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return type.equals(representation.getType().getName()) && from.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(type, to), JsonNode.class, payload -> {
            upcast((ObjectNode) payload);
            return payload;
        });
    }
}
