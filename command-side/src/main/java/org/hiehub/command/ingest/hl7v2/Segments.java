package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments of a parsed message in order, whatever groups HAPI placed them in. Z-segments and segments a
 * vendor put in an unexpected place land in different groups depending on their position (an NTE or ZLB after the
 * last OBX is nested in the OBSERVATION group), so mappers that walk this list see them where the sender put them.
 */
final class Segments {

    private Segments() {
    }

    static List<Segment> inOrder(Group group) throws HL7Exception {
        List<Segment> out = new ArrayList<>();
        collect(group, out);
        return out;
    }

    private static void collect(Group group, List<Segment> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Group inner) {
                    collect(inner, out);
                } else if (structure instanceof Segment segment && !segment.isEmpty()) {
                    out.add(segment);
                }
            }
        }
    }
}
