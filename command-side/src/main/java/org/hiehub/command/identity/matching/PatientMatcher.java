package org.hiehub.command.identity.matching;

import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.SourceRecordId;

/**
 * Decides which master patient a newly seen source record belongs to. The seam where identity resolution plugs
 * in: called inside the registration transaction, after the record's blocking keys are locked.
 */
public interface PatientMatcher {

    MatchOutcome match(SourceRecordId record, Demographics demographics);
}
