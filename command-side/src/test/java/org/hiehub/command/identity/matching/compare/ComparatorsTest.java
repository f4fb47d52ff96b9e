package org.hiehub.command.identity.matching.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.hiehub.command.identity.matching.Profiles;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.junit.jupiter.api.Test;

class ComparatorsTest {

    private final NameComparator given = NameComparator.given();
    private final NameComparator family = NameComparator.family();
    private final BirthDateComparator birthDate = new BirthDateComparator();
    private final AddressComparator address = new AddressComparator();

    @Test
    void a_name_agrees_exactly_by_nickname_by_sound_or_not_at_all() {
        MatchProfile william = Profiles.person().given("William").profile();

        assertThat(given.compare(william, Profiles.person().given("WILLIAM").profile())).isEqualTo(4);
        assertThat(given.compare(william, Profiles.person().given("Bill").profile())).isEqualTo(3);
        assertThat(family.compare(Profiles.person().family("Smith").profile(),
                Profiles.person().family("Smyth").profile())).isEqualTo(2);
        assertThat(given.compare(william, Profiles.person().given("Xavier").profile())).isZero();
    }

    @Test
    void given_and_family_name_swapped_still_agree_as_close() {
        MatchProfile right = Profiles.person().given("Caleb").family("Rowe").profile();
        MatchProfile swapped = Profiles.person().given("Rowe").family("Caleb").profile();

        assertThat(given.compare(right, swapped)).isEqualTo(2);
        assertThat(family.compare(right, swapped)).isEqualTo(2);
    }

    @Test
    void a_missing_value_is_not_disagreement() {
        assertThat(given.compare(Profiles.person().given(null).profile(), Profiles.person().profile()))
                .isEqualTo(FieldComparator.MISSING);
        assertThat(birthDate.compare(Profiles.person().noBirthDate().profile(), Profiles.person().profile()))
                .isEqualTo(FieldComparator.MISSING);
    }

    @Test
    void birth_dates_with_day_and_month_transposed_or_one_digit_mistyped_agree_closely() {
        MatchProfile born = Profiles.person().born(1961, 3, 14).profile();

        assertThat(birthDate.compare(born, Profiles.person().born(1961, 3, 14).profile())).isEqualTo(3);
        assertThat(birthDate.compare(Profiles.person().born(1961, 3, 4).profile(),
                Profiles.person().born(1961, 4, 3).profile())).isEqualTo(2);
        assertThat(birthDate.compare(born, Profiles.person().born(1967, 3, 14).profile())).isEqualTo(2);
        assertThat(birthDate.compare(born, Profiles.person().born(1961, 3, 29).profile())).isEqualTo(1);
        assertThat(birthDate.compare(born, Profiles.person().born(1975, 8, 2).profile())).isZero();
    }

    @Test
    void an_ssn_with_two_adjacent_digits_swapped_is_a_typo_not_a_different_number() {
        EditDistanceComparator<MatchProfile> ssn = new EditDistanceComparator<>("ssn", MatchProfile::ssn, 1);
        MatchProfile left = Profiles.person().ssn("123456789").profile();

        assertThat(ssn.compare(left, Profiles.person().ssn("123456789").profile())).isEqualTo(2);
        assertThat(ssn.compare(left, Profiles.person().ssn("123465789").profile())).isEqualTo(1);
        assertThat(ssn.compare(left, Profiles.person().ssn("987654321").profile())).isZero();
    }

    @Test
    void an_address_agrees_in_steps_from_same_area_to_exact() {
        MatchProfile home = Profiles.person().street("12 Stanley Street").city("Dapto").postcode("4566").profile();

        assertThat(address.compare(home, Profiles.person().street("12 stanley st").city("dapto").postcode("4566")
                .profile())).isEqualTo(4);
        assertThat(address.compare(home, Profiles.person().street("14 Stanley St").city("Dapto").postcode("4566")
                .profile())).isEqualTo(2);
        assertThat(address.compare(home, Profiles.person().street("3 Kent Road").city("Dapto").postcode("4566")
                .profile())).isEqualTo(1);
        assertThat(address.compare(home, Profiles.person().street("3 Kent Road").city("Miami").postcode("2000")
                .profile())).isZero();
    }
}
