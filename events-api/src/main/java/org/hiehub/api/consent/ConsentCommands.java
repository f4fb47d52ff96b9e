package org.hiehub.api.consent;

import org.hiehub.api.identity.MasterPatientId;

/** Commands of a patient's consent file; the aggregate is keyed apart from the master patient itself. */
public sealed interface ConsentCommands
        permits RecordConsentDirective, RevokeConsentDirective, BreakTheGlass, ReviewEmergencyAccess {

    /** The consent file of a master patient ({@code consent-<id>}), never colliding with the patient's own id. */
    static String fileOf(MasterPatientId patient) {
        return "consent-" + patient.value();
    }
}
