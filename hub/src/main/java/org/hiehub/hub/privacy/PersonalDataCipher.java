package org.hiehub.hub.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * AES-256-GCM encryption of personal data under the data subject's own key. The subject id is bound in as
 * associated data, so a ciphertext copied into another person's event does not decrypt. Once the subject's key
 * is destroyed, {@link #decrypt} answers empty: the person is erased although the event stays.
 */
public class PersonalDataCipher {

    static final String PREFIX = "pd1:";
    private static final int IV_BYTES = AesGcm.IV_BYTES;
    private final PersonalDataKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    public String encrypt(String subject, byte[] plaintext) {
        SecretKey key = keys.keyFor(subject).orElseThrow(() -> new ErasedSubject(subject));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, iv, subject, plaintext);
        return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                .put(iv).put(sealed).array());
    }

    /** Empty when the subject's key has been destroyed. */
    public Optional<byte[]> decrypt(String subject, String ciphertext) {
        if (!isCiphertext(ciphertext)) {
            throw new IllegalArgumentException("not a personal-data ciphertext");
        }
        Optional<SecretKey> key = keys.existingKeyFor(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] data = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
        byte[] iv = java.util.Arrays.copyOfRange(data, 0, IV_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(data, IV_BYTES, data.length);
        return Optional.of(crypt(Cipher.DECRYPT_MODE, key.get(), iv, subject, sealed));
    }

    public static boolean isCiphertext(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] iv, String subject, byte[] input) {
        try {
            return AesGcm.crypt(mode, key, iv, subject, input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of subject " + subject + " could not be processed", e);
        }
    }

    /** A new event tried to store personal data for a subject whose key was destroyed. */
    public static class ErasedSubject extends RuntimeException {
        ErasedSubject(String subject) {
            super("subject " + subject + " has been erased; no new personal data may be stored for it");
        }
    }
}
