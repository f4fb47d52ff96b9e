package org.hiehub.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A source sent a patient we have not seen from it before. With a {@code link}, the MPI has already decided where
 * the record belongs (matching needs only the demographics): registration, link and decision are then one command
 * and one append; without one the record stays unlinked until a {@link LinkIdentifier} or {@link LinkAsDecided}.
 */
public record RegisterSourceRecord(@TargetAggregateIdentifier SourceRecordId sourceRecordId, String sourceSystem,
                                   String localId, Demographics demographics, DecidedLink link)
        implements IdentityCommands {

    public RegisterSourceRecord(SourceRecordId sourceRecordId, String sourceSystem, String localId,
                                Demographics demographics) {
        this(sourceRecordId, sourceSystem, localId, demographics, null);
    }
}
