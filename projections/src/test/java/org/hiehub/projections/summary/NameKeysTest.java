package org.hiehub.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameKeysTest {

    @Test
    void names_that_sound_alike_share_a_phonetic_key() {
        assertThat(NameKeys.phonetic("smith")).containsAnyElementsOf(NameKeys.phonetic("schmidt"));
        assertThat(NameKeys.phonetic("catherine")).containsAnyElementsOf(NameKeys.phonetic("kathryn"));
        assertThat(NameKeys.phonetic("jon")).containsAnyElementsOf(NameKeys.phonetic("john"));
    }

    @Test
    void names_that_do_not_sound_alike_share_none() {
        assertThat(NameKeys.phonetic("smith")).doesNotContainAnyElementsOf(NameKeys.phonetic("jones"));
    }

    @Test
    void words_are_folded_to_plain_lower_case_letters() {
        assertThat(NameKeys.words("Müller-Lüdenscheidt O'Brien")).containsExactly("muller", "ludenscheidt", "o",
                "brien");
        assertThat(NameKeys.phonetic("o")).isEmpty();
    }
}
