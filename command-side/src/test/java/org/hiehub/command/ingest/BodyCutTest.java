package org.hiehub.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a body's cut is kept: its parts' line numbers, runs as ranges, read back exactly. */
class BodyCutTest {

    @Test
    void parts_of_scattered_and_consecutive_lines_read_back_as_they_were() {
        List<int[]> cut = List.of(new int[] {1, 2, 3, 31, 32, 61}, new int[] {4, 34, 35}, new int[] {1231});

        String kept = RawMessageStore.BodyCut.encode(cut);

        assertThat(kept).isEqualTo("1-3,31-32,61;4,34-35;1231");
        assertThat(RawMessageStore.BodyCut.decode(kept)).containsExactly(cut.get(0), cut.get(1), cut.get(2));
        assertThat(RawMessageStore.BodyCut.decode(null)).isNull();
    }
}
