package org.hiehub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The bearer token from the {@code Authorization} header, and only from there (RFC 6750 section 2.1): what Spring's
 * {@code DefaultBearerTokenResolver} does with its defaults, same answers and errors, but checked by a loop over the
 * characters instead of a case-insensitive regular expression run over the whole token on every request, which
 * cost a twentieth of a kept read's CPU.
 */
final class BearerHeaderTokens implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
            return null; // another scheme (or none): not ours to refuse
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isToken68(authorization)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length());
    }

    /** {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} after the scheme. */
    private static boolean isToken68(String authorization) {
        int end = authorization.length();
        while (end > SCHEME.length() && authorization.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return false;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            char c = authorization.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
