package org.hiehub.command.ingest.hl7v2;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Generated ADT^A01 and ORU^R01 messages for the benchmark: synthetic people, one per index and run, every field
 * drawn from a random stream seeded by the run and the index, so one run's people are strangers to another's and to
 * its warm-up's, and to each other (as strangers are: a shared surname or birthday now and then, rarely both).
 * Every {@value #SECOND_FACILITY_EVERY}th ADT^A01 (indexes 9, 19, 29, …) is the person of the first index of its ten
 * (0, 10, 20, …), now seen at a second facility with its own record number: the matching and linking an HIE does
 * for people it already knows. An ORU^R01 names the patient the ADT^A01 of its index registered.
 *
 * <p>Until 2026-11-25 names, birth dates, addresses and phone numbers cycled with the index (ten family names, ten
 * given names, a birth date repeating every 420 people, one street): people a few hundred indexes apart agreed on
 * name, street and birth month, and the index linked most of them into a few hundred master patients of up to 212
 * records each, so "every message a new patient" measured the matching and summaries of ever-growing clusters.
 */
final class BenchMessages {

    /** One ADT^A01 in this many registers, at a second facility, a person the run registered before. */
    static final int SECOND_FACILITY_EVERY = 10;

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "re", "su", "ta", "ve", "no", "bi", "da", "fe", "go",
        "hu", "ji", "pa", "ro", "sel", "tor", "win", "mar", "bel", "cas", "dun", "fen"};
    private static final String[] GIVEN = {"Ann", "Ben", "Chloe", "Dev", "Eva", "Farid", "Grace", "Hugo", "Ines",
        "Jon", "Kemal", "Lena", "Marta", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Victor",
        "Wanda", "Xavier", "Yara", "Zoe", "Aiko", "Bruno", "Carmen", "Dmitri", "Elif", "Femi", "Greta", "Hassan",
        "Ilse", "Jamal", "Kira", "Luca", "Mei", "Noor", "Oscar", "Priya", "Rafael", "Sofia", "Tariq", "Ulla", "Vera",
        "Wei", "Yusuf", "Zara"};
    private static final String[] STREETS = {"Oak", "Maple", "Cedar", "Elm", "Pine", "Birch", "Walnut", "Willow",
        "Chestnut", "Spruce", "Hickory", "Poplar", "Aspen", "Laurel", "Magnolia", "Juniper", "Sycamore", "Hawthorn",
        "Linden", "Alder"};
    private static final String[] STREET_KINDS = {"Street", "Avenue", "Road", "Lane", "Drive", "Court"};
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1930, 1, 1);
    private static final int BIRTH_DAYS = 33_000;

    private BenchMessages() {
    }

    /** Who index {@code i} of a run is, and the record a facility keeps for them. */
    record Person(String facility, String recordNumber, String family, String given, char initial,
                  String birthDate, boolean female, String street, String postalCode, String phone) {

        /** As a registration sends it: with address and phone. */
        String pid() {
            return identification() + "|||" + street + "^^Springfield^IL^" + postalCode + "^USA^H||^PRN^PH^^1^217^"
                    + phone;
        }

        /** As a lab sends it: record number, name, birth date and sex. */
        String identification() {
            return "PID|1||" + recordNumber + "^^^" + facility + "^MR||" + family + "^" + given + "^" + initial + "||"
                    + birthDate + "|" + (female ? "F" : "M");
        }
    }

    /** Index {@code i}'s person: every {@value #SECOND_FACILITY_EVERY}th is an earlier one at another facility. */
    static Person person(String run, int i) {
        if (i % SECOND_FACILITY_EVERY == SECOND_FACILITY_EVERY - 1) {
            Person known = stranger(run, i - (SECOND_FACILITY_EVERY - 1));
            return new Person("BENCH-B", "C" + run + "-" + i, known.family(), known.given(), known.initial(),
                    known.birthDate(), known.female(), known.street(), known.postalCode(), known.phone());
        }
        return stranger(run, i);
    }

    private static Person stranger(String run, int i) {
        SplittableRandom random = new SplittableRandom(run.hashCode() * 0x9E3779B97F4A7C15L + i);
        StringBuilder family = new StringBuilder();
        for (int syllable = 2 + random.nextInt(2); syllable > 0; syllable--) {
            family.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        family.setCharAt(0, Character.toUpperCase(family.charAt(0)));
        String given = GIVEN[random.nextInt(GIVEN.length)];
        char initial = (char) ('A' + random.nextInt(26));
        String birthDate = EARLIEST_BIRTH.plusDays(random.nextInt(BIRTH_DAYS)).format(DateTimeFormatter.BASIC_ISO_DATE);
        boolean female = random.nextBoolean();
        String street = (1 + random.nextInt(9_999)) + " " + STREETS[random.nextInt(STREETS.length)] + " "
                + STREET_KINDS[random.nextInt(STREET_KINDS.length)];
        String postalCode = String.format("62%03d", random.nextInt(1_000));
        String phone = String.valueOf(2_000_000 + random.nextInt(8_000_000));
        return new Person("BENCH", "B" + run + "-" + i, family.toString(), given, initial, birthDate, female, street,
                postalCode, phone);
    }

    static String adt(String run, int i) {
        String now = now(i);
        Person person = person(run, i);
        return "MSH|^~\\&|BENCH-ADT|" + person.facility() + "|HIEHUB|HIE|" + now + "||ADT^A01^ADT_A01|A" + run + "-" + i
                + "|P|2.5.1\r"
                + "EVN|A01|" + now + "\r"
                + person.pid() + "\r"
                + "PV1|1|I|W" + (i % 9) + "^" + (i % 40) + "^1^" + person.facility() + "||||||||||||||||V" + run + "-"
                + i + "|||||||||||||||||||||||||" + now + "\r";
    }

    static String oru(String run, int i) {
        String now = now(i);
        Person person = person(run, i);
        return "MSH|^~\\&|BENCH-LAB|" + person.facility() + "|HIEHUB|HIE|" + now + "||ORU^R01^ORU_R01|R" + run + "-"
                + i + "|P|2.5.1\r"
                + person.identification() + "\r"
                + "OBR|1|P" + run + "-" + i + "|F" + run + "-" + i + "|24323-8^Metabolic panel^LN|||" + now + "\r"
                + "OBX|1|NM|2345-7^Glucose^LN||" + (70 + i % 60) + "|mg/dL^mg/dL^UCUM|70-99||||F|||" + now + "\r"
                + "OBX|2|NM|2160-0^Creatinine^LN||0." + (6 + i % 4) + "|mg/dL^mg/dL^UCUM|0.6-1.3||||F|||" + now + "\r"
                + "OBX|3|NM|2951-2^Sodium^LN||" + (135 + i % 8) + "|mmol/L^mmol/L^UCUM|135-145||||F|||" + now + "\r"
                + "OBX|4|NM|2823-3^Potassium^LN||4." + (i % 9) + "|mmol/L^mmol/L^UCUM|3.5-5.1||||F|||" + now + "\r"
                + "OBX|5|NM|GLU-L^Glucose local^L||" + (70 + i % 60) + "|mg/dL|||||F|||" + now + "\r";
    }

    private static String now(int i) {
        return "20261122" + String.format("%02d%02d%02d", (i / 3600) % 24, (i / 60) % 60, i % 60);
    }
}
