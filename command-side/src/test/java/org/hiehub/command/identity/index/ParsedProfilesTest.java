package org.hiehub.command.identity.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.hiehub.command.identity.matching.Profiles;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.junit.jupiter.api.Test;

class ParsedProfilesTest {

    private final ParsedProfiles profiles = new ParsedProfiles(100);

    @Test
    void a_stored_profile_reads_back_equal_and_is_parsed_once() {
        MatchProfile stored = Profiles.person().profile();
        String json = MatchProfileJson.write(stored);

        MatchProfile first = profiles.of(json).orElseThrow();

        assertThat(first).isEqualTo(stored);
        assertThat(profiles.of(new String(json.toCharArray())).orElseThrow()).isSameAs(first);
    }

    @Test
    void a_changed_profile_is_read_from_its_new_text_never_from_the_old_entry() {
        MatchProfile before = Profiles.person().profile();
        MatchProfile after = Profiles.person().family("Quinn").born(1990, 1, 2).profile();
        profiles.of(MatchProfileJson.write(before));

        MatchProfile read = profiles.of(MatchProfileJson.write(after)).orElseThrow();

        assertThat(read).isEqualTo(after).isNotEqualTo(before);
    }

    @Test
    void a_stored_profile_that_cannot_be_read_is_no_profile_instead_of_a_failure() {
        // what a 30-million-character family name once left in the index: over Jackson's string limit
        String unreadable = "{\"family\":\"" + "X".repeat(20_000_001) + "\"}";

        assertThat(profiles.of(unreadable)).isEmpty();
        assertThat(profiles.of("{not json")).isEmpty();
    }
}
