package org.hiehub.projections.clinical;

import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.clinical.ObservationComponent;
import org.hiehub.api.clinical.ObservationRecorded;

/**
 * The components of a panel observation (a blood pressure's systolic and diastolic) read as results of their own,
 * so that each has its latest value, previous value and trend under its own code. Derived, never stored as
 * events: the ids are the panel's fact id with {@code /c} and the component's position, the same on every replay.
 */
public final class PanelComponents {

    private PanelComponents() {
    }

    public static List<ObservationRecorded> asResults(ObservationRecorded panel) {
        List<ObservationRecorded> results = new ArrayList<>(panel.components().size());
        for (int i = 0; i < panel.components().size(); i++) {
            ObservationComponent c = panel.components().get(i);
            if (c.code() == null) {
                continue;
            }
            results.add(new ObservationRecorded(panel.sourceRecordId(), panel.factId() + "/c" + i,
                    panel.messageKey(), c.code(), c.valueType(), c.quantity(), c.valueConcept(), c.valueText(), null,
                    null, panel.status(), panel.effective(), panel.issued(), panel.performer(), panel.orderId(),
                    panel.code(), panel.encounterId(), panel.category(), null, null, List.of()));
        }
        return results;
    }
}
