package org.hiehub.hub.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** Case-insensitive; looked up for every role of every request's token, so by map rather than by scan. */
    public static Optional<HubRole> fromClaim(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_CLAIM.get(value.toLowerCase(Locale.ROOT)));
    }

    private static final Map<String, HubRole> BY_CLAIM = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(r -> r.claim.toLowerCase(Locale.ROOT), r -> r));
}
