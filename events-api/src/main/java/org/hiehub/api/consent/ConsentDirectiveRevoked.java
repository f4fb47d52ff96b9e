package org.hiehub.api.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.MasterPatientId;

/** A directive no longer applies from {@code revokedAt}. */
@Revision("1")
public record ConsentDirectiveRevoked(MasterPatientId masterPatientId, String directiveId, String revokedBy,
                                      String reason, Instant revokedAt) implements ConsentEvent {
}
