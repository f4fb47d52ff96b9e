package org.hiehub.command.identity.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * Match profiles parsed from their stored JSON, remembered by that JSON text (least recently used, bounded). A
 * registration scores every record sharing a blocking key, and the records under common keys come back for
 * registration after registration: parsing their JSON again each time took 8% of the MLLP threads' time. The
 * text is the key, so an entry can never be stale: a record whose profile changed stores different text.
 */
final class ParsedProfiles {

    /** About 1 KB an entry (the text and the parsed profile): some 20 MB at most. */
    static final int DEFAULT_CAPACITY = 20_000;

    private final Cache<String, Optional<MatchProfile>> byJson;

    ParsedProfiles(int capacity) {
        this.byJson = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    /**
     * The profile, or empty when the stored text cannot be read (remembered too, so it is parsed once): one such
     * record must not fail every registration whose candidates include it.
     */
    Optional<MatchProfile> of(String json) {
        return byJson.get(json, text -> {
            try {
                return Optional.of(MatchProfileJson.read(text));
            } catch (IllegalStateException e) {
                return Optional.empty();
            }
        });
    }
}
