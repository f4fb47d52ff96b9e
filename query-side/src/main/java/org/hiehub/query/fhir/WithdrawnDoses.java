package org.hiehub.query.fhir;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.projections.clinical.ImmunizationDoses;
import org.hiehub.query.timeline.TimelineQuery;

/**
 * An immunization as FHIR tells it once its sender withdrew it. The timeline keeps the dose and the withdrawal (HL7
 * RXA-21 D, a FHIR Immunization re-sent entered-in-error) as entries of their own, the way they arrived; the facade
 * shows a dose that a withdrawal of the same source record names ({@link ImmunizationDoses}) as
 * {@code entered-in-error}, whichever of the two came first. The withdrawal stays a resource of its own.
 */
final class WithdrawnDoses {

    private WithdrawnDoses() {
    }

    /** The selection with each withdrawn dose marked, when immunizations are asked for. */
    static TimelineQuery.Selection join(TimelineQuery.Selection read, List<String> types) {
        if (!types.contains(ImmunizationDoses.TYPE)) {
            return read;
        }
        Map<String, List<Document>> withdrawals = ImmunizationDoses.withdrawalsByRecord(
                read.whereKey(k -> ImmunizationDoses.TYPE.equals(k.type())).stored());
        return withdrawals.isEmpty() ? read : read.map(e -> ImmunizationDoses.marked(e, withdrawals));
    }
}
