package org.hiehub.hub.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * What Spring Security's {@link StrictHttpFirewall} allows in header names, header values and parameter names,
 * decided by a loop over the code points instead of the regular expressions it uses by default
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, values also allowing a tab), which it runs on every header read:
 * on a long bearer token, a noticeable share of each request. Same answers: assigned code points that are not
 * control characters.
 */
final class HeaderCharacters {

    static final Predicate<String> NAMES = s -> assignedNotControl(s, false);
    static final Predicate<String> VALUES = s -> assignedNotControl(s, true);

    private HeaderCharacters() {
    }

    /** The strict firewall (every default kept) with these checks. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        firewall.setAllowedParameterNames(NAMES);
        return firewall;
    }

    static boolean assignedNotControl(String s, boolean tabAllowed) {
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII: assigned, not control
                i++;
                continue;
            }
            int codePoint = s.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
