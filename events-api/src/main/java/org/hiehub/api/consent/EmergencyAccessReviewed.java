package org.hiehub.api.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/** A privacy officer reviewed a break-the-glass access and found it justified or not. */
@Revision("1")
public record EmergencyAccessReviewed(@DataSubject MasterPatientId masterPatientId, String accessId, String reviewer,
                                      boolean justified, @PersonalData String comment, Instant reviewedAt)
        implements ConsentEvent {
}
