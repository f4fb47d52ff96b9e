package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void a_token_is_verified_once_but_its_expiry_is_checked_on_every_use() {
        AtomicInteger verifications = new AtomicInteger();
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("dr-a").issuedAt(NOW.minusSeconds(10))
                .expiresAt(NOW.plusSeconds(30)).build();
        JwtDecoder verifier = token -> {
            verifications.incrementAndGet();
            return jwt;
        };
        Instant[] now = {NOW};
        OAuth2TokenValidator<Jwt> notExpired = t -> t.getExpiresAt().isAfter(now[0]) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null));
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        VerifiedTokens tokens = new VerifiedTokens(verifier, notExpired, clock);

        assertThat(tokens.decode("t")).isSameAs(jwt);
        assertThat(tokens.decode("t")).isSameAs(jwt);
        assertThat(verifications).hasValue(1);

        now[0] = NOW.plusSeconds(31);
        assertThatThrownBy(() -> tokens.decode("t")).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void a_token_the_verifier_refuses_is_not_remembered() {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder refusing = token -> {
            verifications.incrementAndGet();
            throw new org.springframework.security.oauth2.jwt.BadJwtException("bad signature");
        };
        VerifiedTokens tokens = new VerifiedTokens(refusing, t -> OAuth2TokenValidatorResult.success(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.decode("forged")).hasMessageContaining("bad signature");
        assertThatThrownBy(() -> tokens.decode("forged")).hasMessageContaining("bad signature");
        assertThat(verifications).hasValue(2);
    }
}
