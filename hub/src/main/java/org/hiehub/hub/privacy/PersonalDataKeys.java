package org.hiehub.hub.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One AES-256 key per data subject, kept in PostgreSQL ({@code personal_data_key}) wrapped by the master key.
 * A key is created with the subject's first event, inside that event's transaction: if the append rolls back,
 * so does the key, and a key is cached only once committed (caching an uncommitted key would encrypt later
 * events with a key nobody stored). Destroying a key erases the subject; the row stays as the proof.
 */
public class PersonalDataKeys {

    private static final int MAX_CACHED = 100_000;
    private final JdbcTemplate jdbc;
    private final SecretKey masterKey;
    private final Duration cacheFor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PersonalDataKeys(JdbcTemplate jdbc, SecretKey masterKey, Duration cacheFor, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** The subject's key, created on first use; empty once the subject has been erased. */
    public Optional<SecretKey> keyFor(String subject) {
        Optional<Optional<SecretKey>> known = lookup(subject);
        if (known.isPresent()) {
            return known.get();
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        boolean created = !jdbc.queryForList("insert into personal_data_key(subject_id, wrapped_key) values (?, ?) "
                + "on conflict (subject_id) do nothing returning subject_id", String.class, subject,
                wrap(subject, fresh)).isEmpty();
        if (created) {
            // ours is the stored key: reading it back and unwrapping it again would only cost a round trip
            return remember(subject, new SecretKeySpec(fresh, "AES"));
        }
        // another transaction stored the subject's key first (or erased the subject): theirs is the one
        return lookup(subject).orElseThrow(() -> new IllegalStateException("key for " + subject + " vanished"));
    }

    /** The subject's key if one exists and was not destroyed. Never creates one. */
    public Optional<SecretKey> existingKeyFor(String subject) {
        return lookup(subject).orElse(Optional.empty());
    }

    /** Crypto-shredding: destroys the key; every event encrypted with it becomes unreadable for good. */
    public boolean destroy(String subject) {
        int changed = jdbc.update("update personal_data_key set wrapped_key = null, shredded_at = now() "
                + "where subject_id = ? and wrapped_key is not null", subject);
        // A tombstone, not a removal: a reader that fetched the key just before could otherwise put it back when
        // its transaction commits, and the erased person would stay readable here for the cache's lifetime.
        cache.put(subject, new Cached(null, clock.millis() + cacheFor.toMillis()));
        transactionScope().put(subject, Optional.empty());
        return changed > 0;
    }

    /** outer empty: no row; inner empty: the row says the subject was erased. */
    private Optional<Optional<SecretKey>> lookup(String subject) {
        Cached cached = cache.get(subject);
        if (cached != null && cached.expiresAt() > clock.millis()) {
            return Optional.of(Optional.ofNullable(cached.key()));
        }
        Map<String, Optional<SecretKey>> seenInTransaction = transactionScope();
        if (seenInTransaction.containsKey(subject)) {
            return Optional.of(seenInTransaction.get(subject));
        }
        List<byte[]> rows = jdbc.query("select wrapped_key from personal_data_key where subject_id = ?",
                (rs, i) -> rs.getBytes(1), subject);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(remember(subject, rows.get(0) == null ? null : unwrap(subject, rows.get(0))));
    }

    /** A key as stored (null: destroyed), for the rest of this transaction and, once it commits, for everyone. */
    private Optional<SecretKey> remember(String subject, SecretKey key) {
        transactionScope().put(subject, Optional.ofNullable(key));
        cacheWhenCommitted(subject, key);
        return Optional.ofNullable(key);
    }

    /**
     * Keys read or created in the current transaction: a registration loads the same subject's key for every
     * command it sends, and the shared cache only learns a key once its transaction committed.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Optional<SecretKey>> transactionScope() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new java.util.HashMap<>();
        }
        Object existing = TransactionSynchronizationManager.getResource(this);
        if (existing != null) {
            return (Map<String, Optional<SecretKey>>) existing;
        }
        Map<String, Optional<SecretKey>> scope = new java.util.HashMap<>();
        TransactionSynchronizationManager.bindResource(this, scope);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(PersonalDataKeys.this);
            }
        });
        return scope;
    }

    private void cacheWhenCommitted(String subject, SecretKey key) {
        Runnable put = () -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            // never over an erasure's tombstone: a key read before the erasure must not come back after it
            cache.compute(subject, (k, existing) -> existing != null && existing.key() == null
                    && existing.expiresAt() > clock.millis() ? existing
                    : new Cached(key, clock.millis() + cacheFor.toMillis()));
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    put.run();
                }
            });
        } else {
            put.run();
        }
    }

    private byte[] wrap(String subject, byte[] key) {
        byte[] iv = new byte[AesGcm.IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, subject, key);
        return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    }

    private SecretKey unwrap(String subject, byte[] wrapped) {
        byte[] iv = Arrays.copyOfRange(wrapped, 0, AesGcm.IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(wrapped, AesGcm.IV_BYTES, wrapped.length);
        return new SecretKeySpec(crypt(Cipher.DECRYPT_MODE, iv, subject, sealed), "AES");
    }

    private byte[] crypt(int mode, byte[] iv, String subject, byte[] input) {
        try {
            return AesGcm.crypt(mode, masterKey, iv, subject, input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of subject " + subject + " could not be (un)wrapped: "
                    + "is hub.privacy.master-key the one it was created with?", e);
        }
    }

    private record Cached(SecretKey key, long expiresAt) {
    }
}
