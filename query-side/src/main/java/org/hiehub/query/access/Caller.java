package org.hiehub.query.access;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is reading, as consent and the audit see them: the token's subject, roles and organization, and the stated
 * purpose of use ({@code X-Purpose-Of-Use}: treatment — the default — research or operations).
 */
public record Caller(String user, Set<String> roles, String organization, String purpose) {

    public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private static final String ATTRIBUTE = Caller.class.getName();

    /** The caller of this request; derived once per request (consent and audit both ask) and per authentication. */
    public static Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Derived d
                && d.from() == auth) {
            return d.caller();
        }
        Caller caller = of(auth);
        if (request != null) {
            request.setAttribute(ATTRIBUTE, new Derived(auth, caller), RequestAttributes.SCOPE_REQUEST);
        }
        return caller;
    }

    private record Derived(Authentication from, Caller caller) {
    }

    private static Caller of(Authentication auth) {
        String user = auth == null ? "anonymous" : auth.getName();
        Set<String> roles = auth == null ? Set.of() : auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                .collect(Collectors.toUnmodifiableSet());
        // the hub's security configuration turns the organization claim it is configured for into this authority
        String organization = auth == null ? null : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ORG:")).map(a -> a.substring(4)).findFirst().orElse(null);
        String purpose = "treatment";
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String stated = request.getRequest().getHeader(PURPOSE_HEADER);
            if (stated != null && !stated.isBlank()) {
                purpose = stated.trim().toLowerCase(Locale.ROOT);
            }
        }
        return new Caller(user, roles, organization, purpose);
    }
}
