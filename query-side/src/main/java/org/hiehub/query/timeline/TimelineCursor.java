package org.hiehub.query.timeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Position after the last entry of a page: its time and id. Paging by key (not offset) is what keeps pages right
 * while new facts arrive: an entry never moves relative to the cursor, so none is skipped or shown twice.
 * Opaque to clients (base64url).
 */
record TimelineCursor(long t, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((t + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static TimelineCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new TimelineCursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not one this API returned");
        }
    }
}
