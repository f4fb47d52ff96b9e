package org.hiehub.command.consent;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.GrantedAuthority;

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
        // the hub's security configuration turns the organization claim it is configured for into this authority
        return authentication == null ? null : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ORG:")).map(a -> a.substring(4))
                .findFirst().orElse(null);
    }
}
