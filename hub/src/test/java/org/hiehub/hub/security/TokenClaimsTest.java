package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Roles and organization come from whichever claims the provider uses, as configured. */
class TokenClaimsTest {

    @Test
    void a_keycloak_style_token_gives_roles_and_organization_from_the_configured_claims() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("dr-grey")
                .claim("realm_access", Map.of("roles", List.of("clinician", "unknown-role")))
                .claim("tenant", "HOSP_A").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        SecurityProperties keycloak = new SecurityProperties("external", "", "realm_access.roles", "tenant");

        assertThat(SecurityConfiguration.authorities(jwt, keycloak)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder(HubRole.CLINICIAN.authority(), "ORG:HOSP_A");
        assertThat(SecurityConfiguration.authorities(jwt, new SecurityProperties("external", "", "roles", "org")))
                .as("the default claim names find nothing in this token").isEmpty();
    }
}
