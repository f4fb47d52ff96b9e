package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A source told us it merged two of its own records (HL7 ADT^A40): record that on the surviving record. */
public record RecordSourceMerge(@TargetAggregateIdentifier SourceRecordId survivingRecord,
                                SourceRecordId retiredRecord) implements IdentityCommands {
}
