package org.hiehub.query.timeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bson.Document;
import org.hiehub.projections.timeline.TimelineKeys;

/**
 * Position after the last entry of a page: its time and id. Paging by key (not offset) is what keeps pages right
 * while new facts arrive: an entry never moves relative to the cursor, so none is skipped or shown twice.
 * Opaque to clients (base64url).
 */
record TimelineCursor(long t, String id) {

    /** The cursor after a stored entry (with {@code _id} and {@code t}). */
    static TimelineCursor after(Document stored) {
        return new TimelineCursor(stored.get("t", Number.class).longValue(), stored.getString("_id"));
    }

    /** Whether an entry at (t, id) comes after the cursor in newest-first order: older, or as old, smaller id. */
    boolean precedes(long entryT, String entryId) {
        return entryT < t || entryT == t && entryId.compareTo(id) < 0;
    }

    boolean precedes(TimelineKeys.Key key) {
        return precedes(key.t(), key.factId());
    }

    boolean precedes(Document stored) {
        return precedes(stored.get("t", Number.class).longValue(), stored.getString("_id"));
    }

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
