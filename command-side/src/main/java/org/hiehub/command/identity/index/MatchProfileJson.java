package org.hiehub.command.identity.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hiehub.command.identity.matching.profile.MatchProfile;

/**
 * How a match profile is stored in {@code mpi_source_record.match_profile}. Unknown properties are ignored so
 * that a profile written by an older hub still reads after a field is added; the index is rebuildable from the
 * events anyway (reset and replay the identity-index processor).
 */
final class MatchProfileJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private MatchProfileJson() {
    }

    static String write(MatchProfile profile) {
        try {
            return JSON.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("match profile not serialisable", e);
        }
    }

    static MatchProfile read(String json) {
        try {
            return JSON.readValue(json, MatchProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored match profile unreadable", e);
        }
    }
}
