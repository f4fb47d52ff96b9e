package org.hiehub.api.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hiehub.api.clinical.ImmunizationRecorded;

/**
 * ImmunizationRecorded revision 1 → 2: {@code details} did not exist, so an event stored before says nothing of
 * dose, route, site, manufacturer, reason or source (an object of nulls).
 */
public class ImmunizationDetailsUpcaster extends RevisionStep {

    public ImmunizationDetailsUpcaster() {
        super(ImmunizationRecorded.class, "1", "2");
    }

    @Override
    void upcast(ObjectNode immunization) {
        immunization.putObject("details");
    }
}
