package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/**
 * The source merged {@code retiredRecord} into {@code survivingRecord}. A fact about the source's own records:
 * the identity side then moves the retired record's link; no clinical event is rewritten.
 */
@Revision("1")
public record SourceRecordsMerged(SourceRecordId survivingRecord, SourceRecordId retiredRecord)
        implements IdentityEvent {
}
