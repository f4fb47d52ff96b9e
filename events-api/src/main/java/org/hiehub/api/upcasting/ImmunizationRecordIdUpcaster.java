package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hiehub.api.clinical.ImmunizationRecorded;

/**
 * ImmunizationRecorded revision 2 → 3: {@code recordId} did not exist, so an event stored before names no record id
 * of its sender's (a withdrawal then finds it by vaccine and date; re-processing its raw message records the id).
 */
public class ImmunizationRecordIdUpcaster extends RevisionStep {

    public ImmunizationRecordIdUpcaster() {
        super(ImmunizationRecorded.class, "2", "3");
    }

    @Override
    void upcast(ObjectNode immunization) {
        immunization.putNull("recordId");
    }
}
