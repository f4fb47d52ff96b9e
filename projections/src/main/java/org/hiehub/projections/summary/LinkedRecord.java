package org.hiehub.projections.summary;

import java.time.Instant;
import org.hiehub.api.identity.Demographics;

/** One source record as the summary projection holds it: what the source said, and its link. */
record LinkedRecord(String sourceRecordId, String sourceSystem, String localId, Demographics demographics,
                    Instant updatedAt, Integer linkConfidence, String linkMethod, Instant linkedAt) {
}
