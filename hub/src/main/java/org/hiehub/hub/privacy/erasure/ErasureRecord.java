package org.hiehub.hub.privacy.erasure;

import java.time.Instant;

/** One erasure as the ledger lists it (no personal data: pseudonymous ids and counts). */
public record ErasureRecord(String masterPatientId, String legalBasis, String requestReference, String requestedBy,
                            Instant requestedAt, int sourceRecords, int keysDestroyed, int rawMessagesDeleted,
                            int deadLettersDeleted) {
}
