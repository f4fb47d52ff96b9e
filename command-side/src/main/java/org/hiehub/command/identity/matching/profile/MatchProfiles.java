package org.hiehub.command.identity.matching.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;

/** Builds the {@link MatchProfile} of a source's demographics. */
public final class MatchProfiles {

    /** HL7 table 0203 type and the FHIR naming-system URI that mark a social security number. */
    private static final String SSN_TYPE = "SS";
    private static final List<String> NAME_USE_PREFERENCE = List.of("official", "usual");

    private MatchProfiles() {
    }

    public static MatchProfile from(Demographics demographics) {
        Optional<PersonName> name = preferredName(demographics.names());
        String given = name.flatMap(n -> n.given().stream().filter(g -> g != null && !g.isBlank()).findFirst())
                .map(NameNormaliser::firstWord).orElse(null);
        String family = name.map(PersonName::family).map(NameNormaliser::compact).orElse(null);
        Address address = demographics.addresses().stream().findFirst().orElse(null);
        String[] houseAndStreet = AddressNormaliser.splitHouseNumber(
                address == null ? null : AddressNormaliser.normalise(line(address, 0)));
        var birth = demographics.birthDate();
        return new MatchProfile(given, Nicknames.standard().canonical(given), Phonetics.doubleMetaphone(given),
                family, Phonetics.doubleMetaphone(family), Phonetics.nysiis(family),
                birth == null ? null : birth.getYear(), birth == null ? null : birth.getMonthValue(),
                birth == null ? null : birth.getDayOfMonth(), sex(demographics.administrativeSex()),
                demographics.multipleBirthOrder(),
                houseAndStreet[0], houseAndStreet[1],
                address == null ? null : AddressNormaliser.normalise(address.city()),
                address == null ? null : AddressNormaliser.postcode(address.postalCode()),
                contact(demographics.telecoms(), "phone").map(MatchProfiles::phoneDigits).orElse(null),
                contact(demographics.telecoms(), "email").map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse(null),
                demographics.identifiers().stream().filter(MatchProfiles::isSsn).map(i -> identifierValue(i.value()))
                        .filter(s -> !s.isEmpty()).findFirst().orElse(null),
                otherIdentifiers(demographics.identifiers()));
    }

    private static Optional<PersonName> preferredName(List<PersonName> names) {
        return names.stream().min(Comparator.comparingInt(n -> {
            int rank = NAME_USE_PREFERENCE.indexOf(n.use() == null ? "" : n.use().toLowerCase(Locale.ROOT));
            return rank < 0 ? NAME_USE_PREFERENCE.size() : rank;
        }));
    }

    private static String line(Address address, int index) {
        return address.lines().size() > index ? address.lines().get(index) : null;
    }

    private static String sex(String administrativeSex) {
        if (administrativeSex == null) {
            return null;
        }
        return switch (administrativeSex.trim().toLowerCase(Locale.ROOT)) {
            case "male", "m" -> "M";
            case "female", "f" -> "F";
            case "other", "o" -> "O";
            default -> null; // "unknown" says nothing about the person
        };
    }

    private static Optional<String> contact(List<ContactPoint> telecoms, String system) {
        return telecoms.stream().filter(t -> system.equalsIgnoreCase(t.system()) && t.value() != null
                && !t.value().isBlank()).map(ContactPoint::value).findFirst();
    }

    /** National significant number: the last ten digits, so +61 and 0 trunk prefixes do not matter. */
    private static String phoneDigits(String phone) {
        String digits = digits(phone);
        return digits.length() < 6 ? null : digits.substring(Math.max(0, digits.length() - 10));
    }

    private static boolean isSsn(PatientIdentifier identifier) {
        return SSN_TYPE.equalsIgnoreCase(identifier.type())
                || identifier.system().toLowerCase(Locale.ROOT).contains("ssn");
    }

    private static Set<String> otherIdentifiers(List<PatientIdentifier> identifiers) {
        Set<String> keys = new TreeSet<>();
        identifiers.stream().filter(i -> !isSsn(i) && !i.system().isBlank() && !i.value().isBlank())
                .forEach(i -> keys.add(i.system().trim().toLowerCase(Locale.ROOT) + '|' + i.value().trim()));
        return keys;
    }

    /** Separators dropped (123-45-6789 = 123456789), letters kept: some sources send non-numeric values. */
    private static String identifierValue(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    private static String digits(String text) {
        return text == null ? "" : text.replaceAll("\\D", "");
    }
}
