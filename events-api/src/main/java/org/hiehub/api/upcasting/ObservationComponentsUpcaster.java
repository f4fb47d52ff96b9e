package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hiehub.api.clinical.ObservationRecorded;

/**
 * ObservationRecorded revision 2 → 3: {@code components} did not exist, so an event stored before has none (a
 * panel's components were, and stay, in its {@code valueText}). Runs after {@link ObservationRecordedUpcaster}
 * (1 → 2) in the chain.
 */
public class ObservationComponentsUpcaster extends RevisionStep {

    public ObservationComponentsUpcaster() {
        super(ObservationRecorded.class, "2", "3");
    }

    @Override
    void upcast(ObjectNode observation) {
        observation.putArray("components");
    }
}
