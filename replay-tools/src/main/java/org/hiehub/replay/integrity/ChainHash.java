package org.hiehub.replay.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One link of the chain: SHA-256 over the previous link and the stored event. Every part is length-prefixed, so
 * bytes cannot shift from one field into the next without changing the hash.
 */
final class ChainHash {

    /** The "previous hash" of the first link. */
    static final byte[] GENESIS = new byte[32];

    private ChainHash() {
    }

    static byte[] next(byte[] previous, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(event.globalIndex()).array());
        field(sha256, text(event.eventId()));
        field(sha256, text(event.type()));
        field(sha256, text(event.revision()));
        field(sha256, event.payload());
        field(sha256, event.metaData());
        return sha256.digest();
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        // -1 marks an absent value (SQL NULL), distinct from an empty one
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
