package org.hiehub.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class ViewTextTest {

    @Test
    void a_value_up_to_the_limit_is_kept_whole_and_without_a_length() {
        String value = "x".repeat(ViewText.MAX_CHARS);

        Document document = ViewText.put(new Document(), "value", value);

        assertThat(document).containsEntry("value", value).doesNotContainKey("valueLength");
        assertThat(ViewText.put(new Document(), "value", null)).containsEntry("value", null);
    }

    @Test
    void a_longer_value_keeps_its_first_characters_and_its_full_length() {
        String value = "a".repeat(ViewText.MAX_CHARS) + "the rest";

        Document document = ViewText.put(new Document(), "value", value);

        assertThat(document.getString("value")).isEqualTo("a".repeat(ViewText.MAX_CHARS));
        assertThat(document.getInteger("valueLength")).isEqualTo(value.length());
    }

    @Test
    void the_cut_never_splits_a_character_outside_the_basic_plane() {
        String value = "a".repeat(ViewText.MAX_CHARS - 1) + "\uD83D\uDE00" + "more";

        String kept = ViewText.put(new Document(), "value", value).getString("value");

        assertThat(kept).isEqualTo("a".repeat(ViewText.MAX_CHARS - 1));
    }
}
