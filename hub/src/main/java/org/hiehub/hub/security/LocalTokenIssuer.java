package org.hiehub.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The embedded default's identity provider: an RSA key in the data directory that signs tokens minted by the
 * {@code token} command, so a newcomer can try every role without setting up an OAuth2 server. Production points
 * the hub at a real issuer instead ({@code hub.security.issuer=external}).
 */
public final class LocalTokenIssuer {

    /** The {@code iss} claim of locally minted tokens; the hub accepts no other issuer in local mode. */
    public static final String ISSUER = "urn:hiehub:local-issuer";
    public static final String KEY_FILE = "token-signing.jwk";

    private final RSAKey key;

    private LocalTokenIssuer(RSAKey key) {
        this.key = key;
    }

    /** The issuer whose key lives in {@code keyFile}, created (owner-readable only) on first use. */
    public static LocalTokenIssuer forKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return new LocalTokenIssuer(RSAKey.parse(Files.readString(keyFile)));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read or create the token signing key " + keyFile, e);
        }
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signed token for {@code user} holding {@code roles}.
     *
     * @param organization the caller's organization, which consent directives may name; may be {@code null}
     */
    public String mint(String user, Collection<HubRole> roles, String organization, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("roles", List.copyOf(roles.stream().map(HubRole::claim).toList()));
        if (organization != null && !organization.isBlank()) {
            claims.claim("org", organization);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        RSAKey generated;
        try {
            generated = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        // Written aside and moved into place, so two processes starting together agree on one key.
        Path temp = Files.createTempFile(dir, "token-signing", ".tmp");
        try {
            trySetOwnerOnly(temp);
            Files.writeString(temp, generated.toJSONString());
            try {
                // A hard link is created atomically and never replaces an existing file: the first process wins.
                Files.createLink(keyFile, temp);
            } catch (FileAlreadyExistsException e) {
                // another process created it first; use theirs
            } catch (UnsupportedOperationException e) {
                Files.move(temp, keyFile);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the directory's permissions
        }
    }
}
