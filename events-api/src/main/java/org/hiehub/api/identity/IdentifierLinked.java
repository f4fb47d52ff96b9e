package org.hiehub.api.identity;

import org.axonframework.serialization.Revision;

/** A source record now belongs to a master patient; confidence (0–100) and method say why. */
@Revision("1")
public record IdentifierLinked(SourceRecordId sourceRecordId, MasterPatientId masterPatientId, int confidence,
                               LinkMethod method) implements IdentityEvent {
}
