package org.hiehub.hub.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hiehub.replay.bluegreen.RebuildProgress;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(written, true, StandardCharsets.UTF_8));

    @Test
    void a_rebuild_that_caught_up_keeps_its_rate_and_says_so_while_the_switch_is_waited_for() throws Exception {
        bar.show(progress(0, 6_441, false));
        Thread.sleep(20);
        bar.show(progress(3_000, 6_441, false));
        String running = last();
        Thread.sleep(20);
        bar.show(progress(6_441, 6_441, true));
        String caughtUp = last();
        Thread.sleep(50);
        bar.show(progress(6_440, 6_441, true)); // the head moved on by one

        String waiting = last();
        assertThat(running).contains("3,000/6,441 events").containsPattern("[1-9][\\d,]* ev/s ETA \\d+:\\d\\d");
        assertThat(caughtUp).contains("100% 6,441/6,441 events").contains("caught up").doesNotContain("ETA");
        assertThat(rate(waiting)).as("not falling while it waits").isEqualTo(rate(caughtUp));
        assertThat(waiting).as("still caught up after the head moved on").contains("caught up")
                .doesNotContain("ETA");
    }

    @Test
    void a_count_that_goes_back_shows_no_negative_rate() {
        bar.show(progress(500, 1_000, false));
        bar.show(progress(400, 1_000, false));

        assertThat(last()).contains(" 0 ev/s ETA --:--");
        assertThat(written.toString(StandardCharsets.UTF_8)).doesNotContainPattern("-\\d");
    }

    private String last() {
        String all = written.toString(StandardCharsets.UTF_8);
        return all.substring(all.lastIndexOf('\r') + 1);
    }

    private static String rate(String line) {
        return line.replaceAll(".* events ([\\d,]+) ev/s.*", "$1");
    }

    private static RebuildProgress progress(long processed, long total, boolean caughtUp) {
        return new RebuildProgress("timeline", 6, 7, "BUILDING", 0, processed, total,
                processed, total, 2, caughtUp, true, null, List.of());
    }
}
