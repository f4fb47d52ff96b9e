package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.clinical.ReferenceRange;

/**
 * ObservationRecorded revision 1 → 2: derives {@code structuredReferenceRange} from the reference-range text the
 * source sent, in the unit of the value. Works on the stored JSON, where personal fields are ciphertext: it reads
 * and writes only fields that are not personal.
 */
public class ObservationRecordedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = ObservationRecorded.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, payload -> {
            ObjectNode observation = (ObjectNode) payload;
            String text = observation.path("referenceRange").isTextual()
                    ? observation.get("referenceRange").asText() : null;
            JsonNode unit = observation.path("quantity").path("unitAsSent");
            ReferenceRange range = ReferenceRange.fromText(text, unit.isTextual() ? unit.asText() : null);
            observation.set("structuredReferenceRange", range == null ? observation.nullNode() : JSON.valueToTree(range));
            return observation;
        });
    }
}
