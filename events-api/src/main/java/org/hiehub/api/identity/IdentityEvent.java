package org.hiehub.api.identity;

/** Every fact of the identity context; the compiler lists them. */
public sealed interface IdentityEvent
        permits SourceRecordRegistered, DemographicsUpdated, PatientCreated, IdentifierLinked, IdentifierUnlinked,
        SourceRecordsMerged, MatchEvaluated, LinkConfirmed, LinkRejected, PatientsMerged {
}
