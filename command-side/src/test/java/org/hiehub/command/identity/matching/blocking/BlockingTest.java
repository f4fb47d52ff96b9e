package org.hiehub.command.identity.matching.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.hiehub.command.identity.matching.Profiles;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private final BlockingKeyGenerator generator = new BlockingKeyGenerator();

    @Test
    void a_birth_date_and_its_day_month_transposition_share_a_key() {
        Set<String> a = generator.keys(Profiles.person().family("Adams").given("Zoe").born(1980, 4, 7).profile());
        Set<String> b = generator.keys(Profiles.person().family("Quinn").given("Kim").born(1980, 7, 4).profile());

        assertThat(a).anyMatch(b::contains);
    }

    @Test
    void records_with_given_and_family_name_swapped_share_a_key() {
        Set<String> a = generator.keys(Profiles.person().given("Caleb").family("Rowe").noBirthDate().ssn(null)
                .street("1 A St").postcode("1000").profile());
        Set<String> b = generator.keys(Profiles.person().given("Rowe").family("Caleb").born(2003, 1, 17)
                .street("9 B Rd").postcode("2000").profile());

        assertThat(a).anyMatch(b::contains);
    }

    @Test
    void identifier_keys_rest_on_identifiers_alone() {
        assertThat(generator.identifierKeys(Profiles.person().ssn("123456789").profile()))
                .singleElement().asString().contains("123456789");
        assertThat(generator.identifierKeys(Profiles.person().profile())).isEmpty();
    }

    @Test
    void candidates_come_most_shared_keys_first_and_oversized_blocks_are_skipped() {
        InMemoryBlockingIndex index = new InMemoryBlockingIndex(2);
        index.add(0, List.of("a"));
        index.add(1, List.of("a", "b"));
        index.add(2, List.of("c"));
        index.add(3, List.of("c"));
        index.add(4, List.of("c"));

        assertThat(index.candidates(List.of("a", "b", "c"), 10)).containsExactly(1, 0);
        assertThat(index.candidates(List.of("a", "b"), 1)).containsExactly(1);
        assertThat(index.candidates(List.of("z"), 10)).isEmpty();
    }
}
