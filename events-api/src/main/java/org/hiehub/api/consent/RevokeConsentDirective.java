package org.hiehub.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.identity.MasterPatientId;

/** Withdraw a directive from now on; what it governed before stays governed by it in the record of the past. */
public record RevokeConsentDirective(@TargetAggregateIdentifier String consentFile, MasterPatientId masterPatientId,
                                     String directiveId, String revokedBy, String reason) implements ConsentCommands {
}
