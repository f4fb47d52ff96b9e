package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hiehub.command.ingest.fhir.FhirFixtures.NDJSON;
import static org.hiehub.command.ingest.fhir.FhirFixtures.facts;
import static org.hiehub.command.ingest.fhir.FhirFixtures.ndjson;
import static org.hiehub.command.ingest.fhir.FhirFixtures.resource;

import java.nio.charset.StandardCharsets;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

class FhirNdjsonParserTest {

    private static final String EXAMPLES = new String(resource("fhir/official/examples-pat1-and-example.ndjson"),
            StandardCharsets.UTF_8);

    @Test
    void each_line_is_a_resource_and_goes_to_the_patient_it_references() throws RejectedInput {
        ParsedMessage parsed = NDJSON.parse(ndjson(EXAMPLES));

        assertThat(parsed.patients()).extracting(ParsedMessage.PatientPart::localId)
                .containsExactly("654321", "12345");
        assertThat(parsed.patients()).extracting(ParsedMessage.PatientPart::assigningAuthority)
                .containsExactly("urn:oid:0.1.2.3.4.5.6.7", "urn:oid:1.2.36.146.595.217.0.1");
        assertThat(facts(parsed.patients().get(0))).extracting(f -> f.getClass().getSimpleName()).containsExactly(
                "MedicationRecorded", "MedicationRecorded", "MedicationRecorded", "MedicationRecorded");
        assertThat(facts(parsed.patients().get(1))).extracting(f -> f.getClass().getSimpleName()).containsExactly(
                "AllergyRecorded", "ImmunizationRecorded", "ObservationRecorded", "ObservationRecorded",
                "ConditionRecorded", "EncounterStarted");
        assertThat(parsed.unsupported()).extracting(u -> u.contentType() + "=" + u.count())
                .containsExactly("Organization=1");
        assertThat(parsed.messageType()).isEqualTo("ndjson");
    }

    @Test
    void a_contained_medication_gives_its_code_and_statements_are_kind_statement() throws RejectedInput {
        var facts = facts(NDJSON.parse(ndjson(EXAMPLES)).patients().get(0));

        MedicationRecorded contained = (MedicationRecorded) facts.get(0);
        assertThat(contained.kind()).isEqualTo("REQUEST");
        assertThat(contained.medication().codings().get(0).code()).isEqualTo("324252006");
        assertThat(facts).extracting(f -> ((MedicationRecorded) f).kind())
                .containsExactly("REQUEST", "REQUEST", "STATEMENT", "STATEMENT");
        assertThat(((MedicationRecorded) facts.get(2)).medication().codings().get(0).code()).isEqualTo("50580-506-02");
        assertThat(((MedicationRecorded) facts.get(3)).medication().text())
                .isEqualTo("Little Pink Pill for water retention");
    }

    @Test
    void a_line_that_is_not_json_is_refused_naming_its_line_number() {
        String body = EXAMPLES.lines().limit(2).reduce("", (a, b) -> a + b + "\n") + "{\"resourceType\":\"Obs\n";

        assertThatThrownBy(() -> NDJSON.parse(ndjson(body)))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("line 3");
                    assertThat(e.getMessage()).startsWith("line 3: not valid JSON at column");
                    assertThat(e.structural()).isTrue();
                });
    }

    @Test
    void an_impossible_date_on_a_line_is_refused_naming_the_line_and_element() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"p\"}\r\n\r\n"
                + "{\"resourceType\":\"Patient\",\"id\":\"q\",\"birthDate\":\"1970-02-30\"}\r\n";

        assertThatThrownBy(() -> NDJSON.parse(ndjson(body)))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("line 3");
                    assertThat(e.getMessage()).contains("birthDate").doesNotContain("1970-02-30");
                });
    }

    @Test
    void a_resource_whose_patient_is_not_in_the_body_is_refused_naming_the_line() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"p\"}\n"
                + "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/other\"}}\n";

        assertThatThrownBy(() -> NDJSON.parse(ndjson(body)))
                .isInstanceOfSatisfying(RejectedInput.class,
                        e -> assertThat(e.location()).isEqualTo("line 2: Condition.subject"));
    }

    @Test
    void an_empty_body_is_refused() {
        assertThatThrownBy(() -> NDJSON.parse(ndjson("\n\n"))).isInstanceOf(RejectedInput.class);
    }
}
