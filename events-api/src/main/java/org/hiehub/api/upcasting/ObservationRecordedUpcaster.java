package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.clinical.ReferenceRange;

/**
 * ObservationRecorded revision 1 → 2: derives {@code structuredReferenceRange} from the reference-range text the
 * source sent, in the unit of the value.
 */
public class ObservationRecordedUpcaster extends RevisionStep {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ObservationRecordedUpcaster() {
        super(ObservationRecorded.class, "1", "2");
    }

    @Override
    void upcast(ObjectNode observation) {
        String text = observation.path("referenceRange").isTextual() ? observation.get("referenceRange").asText()
                : null;
        JsonNode unit = observation.path("quantity").path("unitAsSent");
        ReferenceRange range = ReferenceRange.fromText(text, unit.isTextual() ? unit.asText() : null);
        observation.set("structuredReferenceRange", range == null ? observation.nullNode() : JSON.valueToTree(range));
    }
}
