package org.hiehub.api.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.hiehub.api.identity.MasterPatientId;

/** A consent directive took effect (see {@link RecordConsentDirective} for the meaning of each part). */
@Revision("1")
public record ConsentDirectiveRecorded(MasterPatientId masterPatientId, String directiveId,
                                       ConsentProvision provision, List<String> categories,
                                       List<String> organizations, List<String> purposes, LocalDate effective,
                                       LocalDate expires, String recordedBy, Instant recordedAt)
        implements ConsentEvent {
}
