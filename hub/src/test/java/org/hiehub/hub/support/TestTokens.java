package org.hiehub.hub.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.security.LocalTokenIssuer;

/**
 * Tokens from the local issuer whose key {@link HubIntegrationTest} hubs use ({@code target/it-data}), as the
 * {@code token} command would mint them.
 */
public final class TestTokens {

    private static final LocalTokenIssuer ISSUER =
            LocalTokenIssuer.forKeyFile(Path.of("target/it-data").resolve(LocalTokenIssuer.KEY_FILE));

    private TestTokens() {
    }

    public static String allRoles() {
        return as("test-user", EnumSet.allOf(HubRole.class));
    }

    public static String as(String user, HubRole role, HubRole... more) {
        return as(user, EnumSet.of(role, more));
    }

    public static String as(String user, Set<HubRole> roles) {
        return ISSUER.mint(user, roles, "TEST_ORG", Duration.ofHours(1));
    }

    /** A token for a hub whose data directory is {@code dataDir} (a hub started outside the shared context). */
    public static String allRoles(Path dataDir) {
        return LocalTokenIssuer.forKeyFile(dataDir.resolve(LocalTokenIssuer.KEY_FILE))
                .mint("test-user", EnumSet.allOf(HubRole.class), "TEST_ORG", Duration.ofHours(1));
    }
}
