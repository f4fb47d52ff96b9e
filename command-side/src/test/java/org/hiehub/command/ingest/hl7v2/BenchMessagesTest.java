package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hiehub.command.ingest.hl7v2.BenchMessages.Person;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's people are strangers to each other, to another run's and to the warm-up's, but for the one in ten
 * that an earlier index registered at the first facility.
 */
class BenchMessagesTest {

    private static final String RUN = "1a2b3c4d";

    @Test
    void the_same_index_in_another_run_or_in_the_warm_up_is_another_person() {
        Person person = BenchMessages.person(RUN, 7);
        for (Person other : new Person[] {BenchMessages.person("9f8e7d6c", 7), BenchMessages.person("W" + RUN, 7)}) {
            assertThat(other.street()).isNotEqualTo(person.street());
            assertThat(other.birthDate()).isNotEqualTo(person.birthDate());
            assertThat(other.phone()).isNotEqualTo(person.phone());
        }
    }

    /** Before, people 2,100 indexes apart had one name and birth date, and those 100 apart one name. */
    @Test
    void strangers_rarely_share_a_name_and_never_a_name_and_a_birth_date() {
        Map<String, Integer> names = new HashMap<>();
        Set<String> nameAndBirth = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> birthDates = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        int strangers = 0;
        int women = 0;
        for (int i = 0; i < 20_000; i++) {
            Person person = BenchMessages.person(RUN, i);
            if (!"BENCH".equals(person.facility())) {
                continue;
            }
            strangers++;
            names.merge(person.family() + "^" + person.given() + "^" + person.initial(), 1, Integer::sum);
            assertThat(nameAndBirth.add(person.family() + person.given() + person.birthDate()))
                    .as("index %d shares a name and birth date", i).isTrue();
            phones.add(person.phone());
            birthDates.add(person.birthDate());
            addresses.add(person.street() + "^" + person.postalCode());
            women += person.female() ? 1 : 0;
        }
        assertThat(strangers).isEqualTo(18_000);
        assertThat(names.values().stream().filter(n -> n > 1).count()).isLessThan(strangers / 100);
        assertThat(phones).hasSizeGreaterThan(strangers * 99 / 100);
        assertThat(birthDates).hasSizeGreaterThan(12_000);
        assertThat(addresses).as("before, one street").hasSizeGreaterThan(strangers * 99 / 100);
        assertThat(women).isBetween(strangers * 45 / 100, strangers * 55 / 100);
    }

    @Test
    void every_tenth_registration_is_an_earlier_person_at_a_second_facility() {
        Person first = BenchMessages.person(RUN, 30);
        Person again = BenchMessages.person(RUN, 39);
        assertThat(again.facility()).isEqualTo("BENCH-B");
        assertThat(again.recordNumber()).isEqualTo("C" + RUN + "-39");
        assertThat(first.recordNumber()).isEqualTo("B" + RUN + "-30");
        assertThat(again).usingRecursiveComparison().ignoringFields("facility", "recordNumber").isEqualTo(first);
        assertThat(pid(BenchMessages.adt(RUN, 39))).startsWith("PID|1||C" + RUN + "-39^^^BENCH-B^MR||");
        assertThat(BenchMessages.person(RUN, 38).facility()).isEqualTo("BENCH");
    }

    @Test
    void a_result_names_the_patient_its_index_registered() {
        for (int i : new int[] {44, 49}) {
            String registered = pid(BenchMessages.adt(RUN, i));
            String named = pid(BenchMessages.oru(RUN, i));
            assertThat(registered).startsWith(named + "|||");
        }
        assertThat(pid(BenchMessages.oru(RUN, 49))).contains("^^^BENCH-B^MR|");
    }

    private static String pid(String message) {
        return message.lines().filter(segment -> segment.startsWith("PID|")).findFirst().orElseThrow();
    }
}
