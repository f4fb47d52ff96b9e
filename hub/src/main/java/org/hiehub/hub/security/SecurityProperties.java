package org.hiehub.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers prove who they are ({@code hub.security.*}).
 *
 * @param issuer {@code local}: tokens minted by the hub's {@code token} command, verified with the key in the
 *     data directory; {@code external}: a real OAuth2/OIDC provider configured through Spring's
 *     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri})
 * @param localKeyFile the local issuer's signing key; empty: {@code <data-dir>/token-signing.jwk}. Every process
 *     of a split deployment must share it.
 * @param rolesClaim the claim holding the caller's roles; a dotted path reaches nested claims (Keycloak:
 *     {@code realm_access.roles})
 * @param organizationClaim the claim naming the caller's organization, which consent directives may name
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(@DefaultValue("local") String issuer,
                                 @DefaultValue("") String localKeyFile,
                                 @DefaultValue("roles") String rolesClaim,
                                 @DefaultValue("org") String organizationClaim) {

    public boolean localIssuer() {
        return !"external".equalsIgnoreCase(issuer);
    }
}
