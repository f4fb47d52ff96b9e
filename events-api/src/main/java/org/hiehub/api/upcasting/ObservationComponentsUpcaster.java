package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.hiehub.api.clinical.ObservationRecorded;

/**
 * ObservationRecorded revision 2 → 3: {@code components} did not exist, so an event stored before has none (a
 * panel's components were, and stay, in its {@code valueText}). Runs after {@link ObservationRecordedUpcaster}
 * (1 → 2) in the chain.
 */
public class ObservationComponentsUpcaster extends SingleEventUpcaster {

    private static final String TYPE = ObservationRecorded.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "2".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "3"), JsonNode.class, payload -> {
            ObjectNode observation = (ObjectNode) payload;
            observation.putArray("components");
            return observation;
        });
    }
}
