package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's people: one run's do not share demographics with another run's or with its warm-up's. */
class BenchMessagesTest {

    @Test
    void the_same_index_in_another_run_or_in_the_warm_up_is_another_person() {
        assertThat(BenchMessages.family("1a2b3c4d", 7)).isNotEqualTo(BenchMessages.family("9f8e7d6c", 7))
                .isNotEqualTo(BenchMessages.family("W1a2b3c4d", 7));
    }

    @Test
    void a_result_names_the_patient_its_run_registered() {
        String family = BenchMessages.family("1a2b3c4d", 44);
        assertThat(family).matches("Okafor-[A-Z][a-z]{7}");
        assertThat(pid(BenchMessages.adt("1a2b3c4d", 44))).contains("|" + family + "^");
        assertThat(pid(BenchMessages.oru("1a2b3c4d", 44))).contains("|" + family + "^");
    }

    @Test
    void runs_spread_over_many_second_names() {
        Set<String> names = new HashSet<>();
        for (int run = 0; run < 1_000; run++) {
            names.add(BenchMessages.family(Integer.toHexString(run * 7919 + 12345), 0));
        }
        assertThat(names).hasSizeGreaterThan(990);
    }

    private static String pid(String message) {
        return message.lines().flatMap(l -> java.util.Arrays.stream(l.split("\r")))
                .filter(segment -> segment.startsWith("PID|")).findFirst().orElseThrow();
    }
}
