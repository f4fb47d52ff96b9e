package org.hiehub.api.consent;

import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.identity.MasterPatientId;

/** A clinician overrides consent for one patient for a limited time, stating why. */
public record BreakTheGlass(@TargetAggregateIdentifier String consentFile, MasterPatientId masterPatientId,
                            String accessId, String clinician, String organization, EmergencyReason reason,
                            String note, Duration duration) implements ConsentCommands {
}
