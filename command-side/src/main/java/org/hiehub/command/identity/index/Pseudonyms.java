package org.hiehub.command.identity.index;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hiehub.api.identity.SourceRecordId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA-256) that stand in for identifying values wherever they must be compared but not read:
 * source record ids (an MRN must not show in the event store's aggregate identifiers) and MPI blocking keys.
 * A plain hash would not do: MRNs and birth dates are small spaces that a dictionary attack walks in seconds.
 * The secret is created once and kept in PostgreSQL ({@code hub_secret}), shared by every hub process.
 */
@Component
public class Pseudonyms {

    private static final String SECRET_NAME = "pseudonym-hmac";
    private final JdbcTemplate jdbc;
    private volatile SecretKeySpec key;
    /** A keyed Mac per thread: looking one up and keying it cost more than the hash (a dozen per registration). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Pseudonyms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SourceRecordId sourceRecordId(String sourceSystem, String localId) {
        return SourceRecordId.of("sr-" + hash(sourceSystem + '\u001f' + localId).substring(0, 32));
    }

    /**
     * The record a source's patient is filed under once the person of {@code erased} was erased and the source
     * sends them again: a new data subject, derived from the erased id alone (no input of
     * {@link #sourceRecordId} is an "sr-" id followed by this marker, and the secret keeps it unguessable).
     */
    public SourceRecordId successor(SourceRecordId erased) {
        return SourceRecordId.of("sr-" + hash(erased.value() + "\u001fsent again after erasure").substring(0, 32));
    }

    /** Hex HMAC of a value; equal inputs give equal outputs within one hub installation. */
    public String hash(String value) {
        return HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreateSecret(), "HmacSHA256");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] loadOrCreateSecret() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Two processes starting together both insert; the loser's row is ignored and both read the winner's.
        jdbc.update("insert into hub_secret(name, material) values (?, ?) on conflict (name) do nothing",
                SECRET_NAME, fresh);
        return jdbc.queryForObject("select material from hub_secret where name = ?", byte[].class, SECRET_NAME);
    }
}
