package org.hiehub.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens whose signature the local issuer's key has verified, for a minute at most: a client sends the
 * same token with every request, and checking its RSA signature and parsing its claims again was a fifth of the
 * CPU of a patient-summary read. The key is fixed for the life of the process, so a signature verified once stays
 * verified; the claims' validity (expiry, not-before, issuer) is checked again on every use.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;
    static final Duration REMEMBERED = Duration.ofMinutes(1);
    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.forgetAt())) {
            OAuth2TokenValidatorResult result = validator.validate(known.jwt());
            if (result.hasErrors()) {
                verified.remove(token);
                throw new JwtValidationException("the token is no longer valid", result.getErrors());
            }
            return known.jwt();
        }
        Jwt jwt = verifier.decode(token); // verifies the signature and validates the claims
        if (verified.size() >= MAX_TOKENS) {
            verified.clear(); // many callers at once: start over rather than keep every token ever seen
        }
        verified.put(token, new Verified(jwt, now.plus(REMEMBERED)));
        return jwt;
    }

    private record Verified(Jwt jwt, Instant forgetAt) {
    }
}
