package org.hiehub.command.identity.registration;

import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;

/** The outcome of registering a source record: where it belongs and the log position to wait for. */
public record Registration(SourceRecordId sourceRecordId, MasterPatientId masterPatientId, boolean created,
                           long position) {
}
