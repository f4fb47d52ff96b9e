package org.hiehub.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.identity.MasterPatientId;

/** The privacy officer's finding on a break-the-glass access. */
public record ReviewEmergencyAccess(@TargetAggregateIdentifier String consentFile, MasterPatientId masterPatientId,
                                    String accessId, String reviewer, boolean justified, String comment)
        implements ConsentCommands {
}
