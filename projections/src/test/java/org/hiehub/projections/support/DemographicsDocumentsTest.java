package org.hiehub.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written conversion writes and reads exactly what the Jackson-based {@link ReadModelMapper} does. */
class DemographicsDocumentsTest {

    static List<Demographics> people() {
        Demographics full = new Demographics(
                List.of(new PersonName("official", "Müller", List.of("Anna", "Maria"), "Dr.", "III"),
                        new PersonName("maiden", "Schmidt", List.of(), null, null),
                        new PersonName(null, null, List.of("Nameless"), null, null)),
                LocalDate.of(1970, 1, 15), "female",
                List.of(new PatientIdentifier("urn:oid:1.2.3", "MRN1", "MR"),
                        new PatientIdentifier("http://hl7.org/fhir/sid/us-ssn", "999-99-9999", null)),
                List.of(new Address("home", List.of("1 Main St", "Apt 2"), "Boston", "Suffolk", "MA", "02101", "US"),
                        new Address(null, List.of(), null, null, null, null, null)),
                List.of(new ContactPoint("phone", "555-0100", "home"), new ContactPoint(null, "x@y.z", null)),
                LocalDate.of(2024, 2, 29), 2);
        Demographics sparse = new Demographics(List.of(PersonName.of("Doe")), null, null, List.of(), List.of(),
                List.of(), null, null);
        return List.of(full, sparse, Demographics.empty());
    }

    @ParameterizedTest
    @MethodSource("people")
    void writes_the_document_the_jackson_mapper_writes(Demographics person) {
        Document byHand = DemographicsDocuments.write(person);
        Document byJackson = ReadModelMapper.toDocument(person);

        assertThat(byHand).isEqualTo(byJackson);
        assertThat(byHand.toJson()).isEqualTo(byJackson.toJson()); // same fields in the same order, nulls kept
    }

    @ParameterizedTest
    @MethodSource("people")
    void reads_back_what_either_wrote_in_memory_or_through_bson(Demographics person) {
        for (Document written : Arrays.asList(DemographicsDocuments.write(person), ReadModelMapper.toDocument(person))) {
            Document stored = Document.parse(written.toJson()); // nested parts come back as Documents
            assertThat(DemographicsDocuments.read(written)).isEqualTo(person);
            assertThat(DemographicsDocuments.read(stored)).isEqualTo(person)
                    .isEqualTo(ReadModelMapper.fromDocument(stored, Demographics.class));
        }
    }

    @Test
    void reads_erased_demographics_as_null_and_missing_lists_as_empty() {
        assertThat(DemographicsDocuments.write(null)).isNull();
        assertThat(DemographicsDocuments.read(null)).isNull();
        assertThat(DemographicsDocuments.read(new Document("birthDate", "1980-05-06")))
                .isEqualTo(new Demographics(null, LocalDate.of(1980, 5, 6), null, null, null, null, null, null));
    }
}
