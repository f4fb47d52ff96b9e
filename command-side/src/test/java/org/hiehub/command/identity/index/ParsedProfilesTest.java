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

        MatchProfile first = profiles.of(json);

        assertThat(first).isEqualTo(stored);
        assertThat(profiles.of(new String(json.toCharArray()))).isSameAs(first);
    }

    @Test
    void a_changed_profile_is_read_from_its_new_text_never_from_the_old_entry() {
        MatchProfile before = Profiles.person().profile();
        MatchProfile after = Profiles.person().family("Quinn").born(1990, 1, 2).profile();
        profiles.of(MatchProfileJson.write(before));

        MatchProfile read = profiles.of(MatchProfileJson.write(after));

        assertThat(read).isEqualTo(after).isNotEqualTo(before);
    }
}
