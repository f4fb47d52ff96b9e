package org.hiehub.hub.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;

/**
 * Synthetic people for the throughput benchmark: each field drawn independently from the values seen in a seed
 * file (FEBRL), so name and place frequencies look real while the combinations are new; and noisy copies of them
 * (a typo in a name, a transposed date, a missing field) the way a second source would send them.
 */
final class SyntheticPeople {

    private final List<Demographics> seeds;
    private final Random random;

    SyntheticPeople(List<Demographics> seeds, long seed) {
        this.seeds = seeds;
        this.random = new Random(seed);
    }

    Demographics person() {
        PersonName name = new PersonName("official", pick().names().isEmpty() ? null : family(pick()),
                List.of(given(pick())), null, null);
        Address address = pick().addresses().isEmpty() ? null : pick().addresses().get(0);
        LocalDate birth = LocalDate.of(1920, 1, 1).plusDays(random.nextInt(365 * 100));
        String ssn = String.valueOf(1_000_000 + random.nextInt(9_000_000));
        return new Demographics(List.of(name), birth, null,
                List.of(new PatientIdentifier("http://hl7.org/fhir/sid/us-ssn", ssn, "SS")),
                address == null ? List.of() : List.of(address), List.of(), null, null);
    }

    /** A copy as another source might send it: one or two fields corrupted. */
    Demographics noisyCopy(Demographics person) {
        PersonName name = person.names().get(0);
        String family = name.family();
        String given = name.given().isEmpty() ? null : name.given().get(0);
        LocalDate birth = person.birthDate();
        switch (random.nextInt(4)) {
            case 0 -> family = typo(family);
            case 1 -> given = typo(given);
            case 2 -> birth = birth.getDayOfMonth() <= 12 ? birth.withDayOfMonth(birth.getMonthValue())
                    .withMonth(birth.getDayOfMonth()) : birth.plusDays(1);
            default -> birth = null;
        }
        return new Demographics(List.of(new PersonName("official", family, given == null ? List.of() : List.of(given),
                null, null)), birth, null, person.identifiers(), person.addresses(), List.of(), null, null);
    }

    private Demographics pick() {
        Demographics seed;
        do {
            seed = seeds.get(random.nextInt(seeds.size()));
        } while (seed.names().isEmpty());
        return seed;
    }

    private String family(Demographics seed) {
        return seed.names().get(0).family();
    }

    private String given(Demographics seed) {
        List<String> given = seed.names().get(0).given();
        return given.isEmpty() ? "anne" : given.get(0);
    }

    private String typo(String value) {
        if (value == null || value.length() < 3) {
            return value;
        }
        int at = 1 + random.nextInt(value.length() - 2);
        List<Character> chars = new ArrayList<>();
        for (char c : value.toCharArray()) {
            chars.add(c);
        }
        chars.set(at, (char) ('a' + random.nextInt(26)));
        StringBuilder out = new StringBuilder();
        chars.forEach(out::append);
        return out.toString();
    }
}
