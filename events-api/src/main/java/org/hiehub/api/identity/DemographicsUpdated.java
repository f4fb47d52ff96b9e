package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;
import org.hiehub.api.privacy.DataSubject;
import org.hiehub.api.privacy.PersonalData;

/** A source's view of a person changed; the event holds the whole new view, not a diff. */
@Revision("1")
public record DemographicsUpdated(@DataSubject SourceRecordId sourceRecordId, @PersonalData Demographics demographics)
        implements IdentityEvent {
}
