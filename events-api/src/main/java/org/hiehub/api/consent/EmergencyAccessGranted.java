package org.hiehub.api.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/**
 * Break-the-glass: {@code clinician} may read this patient regardless of consent until {@code expiresAt}. The
 * free-text note may describe the patient's condition, so it is personal data.
 */
@Revision("1")
public record EmergencyAccessGranted(@DataSubject MasterPatientId masterPatientId, String accessId, String clinician,
                                     String organization, EmergencyReason reason, @PersonalData String note,
                                     Instant grantedAt, Instant expiresAt) implements ConsentEvent {
}
