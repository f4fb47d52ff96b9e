package org.hiehub.command.consent;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;

/** Who sent the command, from the bearer token: decisions name their author, not a field the caller typed. */
final class CurrentUser {

    private CurrentUser() {
    }

    static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return authentication.getName();
    }

    static String organization() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ClaimAccessor claims
                ? claims.getClaimAsString("org") : null;
    }
}
