package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/** The retired master patient was merged into the survivor; the retired id resolves to the survivor from now on. */
@Revision("1")
public record PatientsMerged(MasterPatientId retired, MasterPatientId survivor, String steward, String reason)
        implements IdentityEvent {
}
