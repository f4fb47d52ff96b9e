package org.hiehub.hub.security;

import java.util.Arrays;
import java.util.Optional;

/** The people who use the hub, as named in tokens' {@code roles} claim. */
public enum HubRole {
    CLINICIAN("clinician"),
    AUDITOR("auditor"),
    STEWARD("steward"),
    INTEGRATOR("integrator"),
    PRIVACY_OFFICER("privacy-officer"),
    ADMIN("admin"),
    RESEARCHER("researcher");

    private final String claim;

    HubRole(String claim) {
        this.claim = claim;
    }

    /** The name as it appears in a token. */
    public String claim() {
        return claim;
    }

    /** The Spring Security authority a token's role becomes. */
    public String authority() {
        return "ROLE_" + claim;
    }

    public static Optional<HubRole> fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claim.equalsIgnoreCase(value)).findFirst();
    }
}
