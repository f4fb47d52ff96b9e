package org.hiehub.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.ingestion.MessageFormat;
import org.junit.jupiter.api.Test;

class DemographicLimitsTest {

    private static final String LONG = "X".repeat(DemographicLimits.MAX_VALUE_CHARS + 1);
    private static final String LONGEST = "X".repeat(DemographicLimits.MAX_VALUE_CHARS);

    @Test
    void values_up_to_the_limit_pass() {
        assertThat(DemographicLimits.check(message(person(LONGEST, List.of(LONGEST), LONGEST)), MessageFormat.HL7V2))
                .isEmpty();
    }

    @Test
    void a_name_part_over_the_limit_is_refused_at_the_name_without_quoting_it() {
        RejectedInput hl7 = DemographicLimits.check(message(person(LONG, List.of("Ann"), "1 Main St")),
                MessageFormat.HL7V2).orElseThrow();
        RejectedInput fhir = DemographicLimits.check(message(person("Doe", List.of("Ann", LONG), "1 Main St")),
                MessageFormat.FHIR_BUNDLE).orElseThrow();

        assertThat(hl7.location()).isEqualTo("PID-5");
        assertThat(hl7.getMessage()).isEqualTo("a name part is longer than 500 characters");
        assertThat(hl7.structural()).isFalse();
        assertThat(fhir.location()).isEqualTo("Patient.name");
    }

    @Test
    void an_address_line_an_identifier_or_too_many_entries_are_refused_where_they_are() {
        assertThat(DemographicLimits.check(message(person("Doe", List.of("Ann"), LONG)), MessageFormat.HL7V2)
                .orElseThrow().location()).isEqualTo("PID-11");
        assertThat(DemographicLimits.check(message(person("Doe", Collections.nCopies(51, "Ann"), "1 Main St")),
                MessageFormat.HL7V2).orElseThrow().getMessage()).isEqualTo("a name has more than 50 given names");
        ParsedMessage.PatientPart longId = new ParsedMessage.PatientPart("HOSP", LONG,
                person("Doe", List.of("Ann"), "1 Main St"), List.of());
        assertThat(DemographicLimits.check(new ParsedMessage("HOSP", "ADT^A01", "C1", "2.5", List.of(longId),
                List.of(), List.of()), MessageFormat.FHIR_BUNDLE).orElseThrow().location())
                .isEqualTo("Patient.identifier");
    }

    @Test
    void an_identifier_with_a_control_character_is_refused_at_the_identifier() {
        // a byte flipped in transit: found by the hostile-input fuzz, which saw "1234\u00015689" registered
        ParsedMessage.PatientPart flipped = new ParsedMessage.PatientPart("HOSP", "1234\u00015689",
                person("Doe", List.of("Ann"), "1 Main St"), List.of());

        RejectedInput refused = DemographicLimits.check(new ParsedMessage("HOSP", "ADT^A01", "C1", "2.5",
                List.of(flipped), List.of(), List.of()), MessageFormat.HL7V2).orElseThrow();

        assertThat(refused.location()).isEqualTo("PID-3");
        assertThat(refused.getMessage()).isEqualTo("the patient's identifier contains control characters");
        Demographics listed = person("Doe", List.of("Ann"), "1 Main St");
        listed = new Demographics(listed.names(), listed.birthDate(), listed.administrativeSex(),
                List.of(new PatientIdentifier("urn:x", "99\t1", "MR")), listed.addresses(), listed.telecoms(),
                null, null);
        assertThat(DemographicLimits.check(message(listed), MessageFormat.FHIR_BUNDLE).orElseThrow().getMessage())
                .isEqualTo("an identifier contains control characters");
    }

    private static Demographics person(String family, List<String> given, String line) {
        return new Demographics(List.of(new PersonName("official", family, given, null, null)),
                LocalDate.of(1970, 1, 1), "female", List.of(new PatientIdentifier("urn:x", "1", "MR")),
                List.of(new Address("home", List.of(line), "Springfield", null, "IL", "62701", "USA")),
                List.of(new ContactPoint("phone", "555-0100", "home")), null, null);
    }

    private static ParsedMessage message(Demographics demographics) {
        return new ParsedMessage("HOSP", "ADT^A01", "C1", "2.5",
                List.of(new ParsedMessage.PatientPart("HOSP", "MRN1", demographics, List.of())), List.of(), List.of());
    }
}
