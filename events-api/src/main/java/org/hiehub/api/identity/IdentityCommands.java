package org.hiehub.api.identity;

/** Marker for the identity context's commands; the records live beside it, one file each. */
public sealed interface IdentityCommands
        permits RegisterSourceRecord, UpdateDemographics, CreatePatient, LinkIdentifier, UnlinkIdentifier,
        RecordSourceMerge, LinkAsDecided, ConfirmLink, RejectLink, MergePatients {
}
