package org.hiehub.hub.support;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Made-up people who do not resemble each other. Tests share one hub, and its MPI rightly links look-alikes
 * (same name and birth date) even across sources, so each test needs its own distinct person.
 */
public final class TestPeople {

    private static final String CONSONANTS = "BCDFGHJKLMNPRSTVWZ";
    private static final String VOWELS = "AEIOU";

    private TestPeople() {
    }

    /** A random pronounceable surname, e.g. "Kotavemi": no shared prefix, so no phonetic or Jaro-Winkler kinship. */
    public static String family() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            name.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                    .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        return name.charAt(0) + name.substring(1).toLowerCase();
    }

    public static String birthDate() {
        return LocalDate.of(1930, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(30_000)).toString();
    }
}
