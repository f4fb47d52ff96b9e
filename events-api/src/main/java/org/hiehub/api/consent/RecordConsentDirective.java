package org.hiehub.api.consent;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.identity.MasterPatientId;

/**
 * Record a patient's consent directive. Empty lists mean "all": a deny with no categories, organizations or
 * purposes is a full opt-out.
 *
 * @param categories data categories (e.g. {@code mental-health}, {@code substance-use}, {@code sexual-health})
 * @param organizations the organizations it applies to (callers' {@code org} claim)
 * @param purposes purposes of use it applies to ({@code treatment}, {@code research}, {@code operations})
 * @param expires exclusive; {@code null} for open-ended
 */
public record RecordConsentDirective(@TargetAggregateIdentifier String consentFile, MasterPatientId masterPatientId,
                                     String directiveId, ConsentProvision provision, List<String> categories,
                                     List<String> organizations, List<String> purposes, LocalDate effective,
                                     LocalDate expires, String recordedBy) implements ConsentCommands {
}
