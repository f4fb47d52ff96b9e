package org.hiehub.hub.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key that wraps every per-person key in PostgreSQL, so a database dump alone reveals no
 * personal data. Configured ({@code hub.privacy.master-key}, base64) for multi-process deployments; on the
 * embedded default it is generated once into {@code <data-dir>/master.key}, readable by the owner only.
 */
final class MasterKey {

    private MasterKey() {
    }

    static SecretKey load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return aes(Base64.getDecoder().decode(configured.trim()));
        }
        Path file = dataDir.resolve("master.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
                trySetOwnerOnly(file);
            }
            return aes(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the master key " + file, e);
        }
    }

    private static SecretKey aes(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException("the master key must be 256 bits (32 bytes, base64-encoded)");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the directory's permissions
        }
    }
}
