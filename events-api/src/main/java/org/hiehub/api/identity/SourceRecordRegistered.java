package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/** A source's patient record became known to the hub. The local id (an MRN) and demographics are personal data. */
@Revision("1")
public record SourceRecordRegistered(@DataSubject SourceRecordId sourceRecordId, String sourceSystem,
                                     @PersonalData String localId, @PersonalData Demographics demographics)
        implements IdentityEvent {
}
