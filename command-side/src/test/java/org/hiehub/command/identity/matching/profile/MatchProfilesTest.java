package org.hiehub.command.identity.matching.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.hiehub.command.identity.matching.Profiles;
import org.junit.jupiter.api.Test;

class MatchProfilesTest {

    @Test
    void names_lose_diacritics_and_case_and_umlauts_are_transliterated() {
        MatchProfile profile = Profiles.person().given("José").family("Müller-García").profile();

        assertThat(profile.given()).isEqualTo("JOSE");
        assertThat(profile.family()).isEqualTo("MUELLERGARCIA");
        assertThat(profile.familyPhonetic()).isNotBlank();
    }

    @Test
    void a_nickname_resolves_to_its_formal_given_name() {
        assertThat(Profiles.person().given("Bill").profile().givenCanonical()).isEqualTo("WILLIAM");
        assertThat(Profiles.person().given("kate").profile().givenCanonical()).isEqualTo("CATHERINE");
        assertThat(Profiles.person().given("Zebedee").profile().givenCanonical()).isEqualTo("ZEBEDEE");
    }

    @Test
    void the_street_line_is_split_into_house_number_and_abbreviated_street() {
        MatchProfile profile = Profiles.person().street("12a Stanley Street").postcode("4223").profile();

        assertThat(profile.streetNumber()).isEqualTo("12A");
        assertThat(profile.street()).isEqualTo("STANLEY ST");
        assertThat(profile.postcode()).isEqualTo("4223");
    }

    @Test
    void an_ssn_is_compared_without_its_separators() {
        assertThat(Profiles.person().ssn("123-45-6789").profile().ssn()).isEqualTo("123456789");
    }

    @Test
    void missing_parts_stay_missing() {
        MatchProfile profile = Profiles.person().given(null).noBirthDate().profile();

        assertThat(profile.given()).isNull();
        assertThat(profile.givenPhonetic()).isNull();
        assertThat(profile.birthYear()).isNull();
    }
}
