package org.hiehub.command.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.ingestion.MessageFormat;

/**
 * Bounds on what one message may say about a person, checked before anything is stored: lengths, counts, and
 * identifiers free of control characters. What a source says
 * becomes the record's match profile in the identity index, which every later registration sharing a blocking key
 * reads back: a 30-million-character family name (well inside a bundle's size limit) was accepted once, and its
 * stored profile then failed every lookup that met it. No real name, identifier, address or telecom comes near
 * these limits (HL7 v2.5 gives a family name 50 characters).
 */
final class DemographicLimits {

    /** Characters in one value: a name part, an identifier, an address line, a telecom. */
    static final int MAX_VALUE_CHARS = 500;
    /** Names, identifiers, addresses, telecoms (each), given names in a name, lines in an address. */
    static final int MAX_ENTRIES = 50;

    private enum Part { NAME, IDENTIFIER, ADDRESS, TELECOM }

    private DemographicLimits() {
    }

    /** The refusal for the first patient part over a limit, naming where in the format it is. */
    static Optional<RejectedInput> check(ParsedMessage parsed, MessageFormat format) {
        for (ParsedMessage.PatientPart patient : parsed.patients()) {
            Optional<RejectedInput> over = check(patient, format);
            if (over.isPresent()) {
                return over;
            }
        }
        return Optional.empty();
    }

    private static Optional<RejectedInput> check(ParsedMessage.PatientPart patient, MessageFormat format) {
        if (tooLong(patient.localId()) || tooLong(patient.assigningAuthority())) {
            return longer(Part.IDENTIFIER, "the patient's identifier", format);
        }
        if (hasControl(patient.localId()) || hasControl(patient.assigningAuthority())) {
            // a byte flipped in transit (a tab, a frame byte): the record would be a new person nobody can find
            return Optional.of(RejectedInput.invalid("the patient's identifier contains control characters",
                    location(Part.IDENTIFIER, format), 102));
        }
        Demographics d = patient.demographics();
        if (d == null) {
            return Optional.empty();
        }
        if (d.names().size() > MAX_ENTRIES) {
            return more(Part.NAME, "the patient has", "names", format);
        }
        for (PersonName name : d.names()) {
            if (name.given().size() > MAX_ENTRIES) {
                return more(Part.NAME, "a name has", "given names", format);
            }
            if (anyTooLong(Stream.concat(Stream.of(name.use(), name.family(), name.prefix(), name.suffix()),
                    name.given().stream()))) {
                return longer(Part.NAME, "a name part", format);
            }
        }
        if (d.identifiers().size() > MAX_ENTRIES) {
            return more(Part.IDENTIFIER, "the patient has", "identifiers", format);
        }
        if (anyTooLong(d.identifiers().stream().flatMap(i -> Stream.of(i.system(), i.value(), i.type())))) {
            return longer(Part.IDENTIFIER, "an identifier", format);
        }
        if (d.identifiers().stream().flatMap(i -> Stream.of(i.system(), i.value()))
                .anyMatch(DemographicLimits::hasControl)) {
            return Optional.of(RejectedInput.invalid("an identifier contains control characters",
                    location(Part.IDENTIFIER, format), 102));
        }
        if (d.addresses().size() > MAX_ENTRIES) {
            return more(Part.ADDRESS, "the patient has", "addresses", format);
        }
        for (Address address : d.addresses()) {
            if (address.lines().size() > MAX_ENTRIES) {
                return more(Part.ADDRESS, "an address has", "lines", format);
            }
            if (anyTooLong(Stream.concat(Stream.of(address.use(), address.city(), address.district(),
                    address.state(), address.postalCode(), address.country()), address.lines().stream()))) {
                return longer(Part.ADDRESS, "an address part", format);
            }
        }
        if (d.telecoms().size() > MAX_ENTRIES) {
            return more(Part.TELECOM, "the patient has", "telecoms", format);
        }
        if (anyTooLong(d.telecoms().stream().flatMap(t -> Stream.of(t.system(), t.value(), t.use())))) {
            return longer(Part.TELECOM, "a telecom", format);
        }
        return Optional.empty();
    }

    private static Optional<RejectedInput> longer(Part part, String what, MessageFormat format) {
        return Optional.of(RejectedInput.invalid(what + " is longer than " + MAX_VALUE_CHARS + " characters",
                location(part, format), 102));
    }

    private static Optional<RejectedInput> more(Part part, String whose, String what, MessageFormat format) {
        return Optional.of(RejectedInput.invalid(whose + " more than " + MAX_ENTRIES + " " + what,
                location(part, format), 102));
    }

    private static String location(Part part, MessageFormat format) {
        boolean hl7 = format == MessageFormat.HL7V2;
        return switch (part) {
            case NAME -> hl7 ? "PID-5" : "Patient.name";
            case IDENTIFIER -> hl7 ? "PID-3" : "Patient.identifier";
            case ADDRESS -> hl7 ? "PID-11" : "Patient.address";
            case TELECOM -> hl7 ? "PID-13" : "Patient.telecom";
        };
    }

    private static boolean anyTooLong(Stream<String> values) {
        return values.filter(Objects::nonNull).anyMatch(DemographicLimits::tooLong);
    }

    private static boolean hasControl(String value) {
        return value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_VALUE_CHARS;
    }
}
