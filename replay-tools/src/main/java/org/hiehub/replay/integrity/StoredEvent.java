package org.hiehub.replay.integrity;

/** An event exactly as the event table holds it: the bytes the chain hashes. */
record StoredEvent(long globalIndex, String eventId, String type, String revision, byte[] payload,
                   byte[] metaData) {
}
