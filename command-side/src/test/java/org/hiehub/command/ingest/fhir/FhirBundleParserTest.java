package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.hiehub.command.ingest.fhir.FhirFixtures.BUNDLES;
import static org.hiehub.command.ingest.fhir.FhirFixtures.DESMOND;
import static org.hiehub.command.ingest.fhir.FhirFixtures.bundle;
import static org.hiehub.command.ingest.fhir.FhirFixtures.ehrBundle;
import static org.hiehub.command.ingest.fhir.FhirFixtures.facts;
import static org.hiehub.command.ingest.fhir.FhirFixtures.resource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.MedicationRecorded;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

class FhirBundleParserTest {

    @Test
    void a_synthea_transaction_yields_one_patient_with_one_fact_per_supported_resource() throws RejectedInput {
        byte[] json = resource(DESMOND);

        ParsedMessage parsed = BUNDLES.parse(bundle(json, "127.0.0.1"));

        assertThat(parsed.patients()).hasSize(1);
        assertThat(FhirFixtures.factCountsByEvent(parsed)).isEqualTo(FhirFixtures.expectedFactCounts(json));
        assertThat(parsed.messageType()).isEqualTo("Bundle/transaction");
        assertThat(parsed.version()).isEqualTo("4.0.1");
    }

    @Test
    void a_blood_pressure_keeps_one_fact_with_its_systolic_and_diastolic_as_typed_components()
            throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle(resource(DESMOND), "127.0.0.1"));

        ObservationRecorded bp = facts(parsed).stream().filter(ObservationRecorded.class::isInstance)
                .map(ObservationRecorded.class::cast)
                .filter(o -> o.code().codings().get(0).code().equals("55284-4")).findFirst().orElseThrow();
        assertThat(bp.valueText()).contains("8480-6"); // the text form stays, as before
        assertThat(bp.components()).extracting(c -> c.code().codings().get(0).code())
                .containsExactly("8462-4", "8480-6");
        assertThat(bp.components()).allSatisfy(c -> {
            assertThat(c.quantity().value()).isPositive();
            assertThat(c.quantity().unitCode()).isEqualTo("mm[Hg]");
        });
    }

    @Test
    void resource_types_without_a_mapping_are_counted_with_a_note_and_not_dropped() throws RejectedInput {
        byte[] json = resource(DESMOND);

        ParsedMessage parsed = BUNDLES.parse(bundle(json, "127.0.0.1"));

        var counts = FhirFixtures.resourceCounts(json);
        assertThat(parsed.unsupported()).extracting(ParsedMessage.Unsupported::contentType)
                .containsExactlyInAnyOrder("Claim", "ExplanationOfBenefit", "DiagnosticReport", "Procedure",
                        "Organization", "Practitioner", "CarePlan");
        ParsedMessage.Unsupported claims = parsed.unsupported().stream()
                .filter(u -> u.contentType().equals("Claim")).findFirst().orElseThrow();
        assertThat(claims.count()).isEqualTo(counts.get("Claim"));
        assertThat(claims.note()).isEqualTo("Claim: 9 resources kept in the raw payload, not mapped");
    }

    @Test
    void the_source_record_is_the_declared_sender_and_the_medical_record_number() throws RejectedInput {
        byte[] json = resource(DESMOND);

        ParsedMessage declared = BUNDLES.parse(bundle(json, FhirSender.peer("SYNTHEA", "127.0.0.1")));
        ParsedMessage undeclared = BUNDLES.parse(bundle(json, "127.0.0.1"));

        assertThat(declared.sourceSystem()).isEqualTo("SYNTHEA");
        assertThat(declared.patients().get(0).assigningAuthority()).isEqualTo("SYNTHEA");
        assertThat(declared.patients().get(0).localId()).isEqualTo("d49945ce-9f8c-4974-80e3-0b38054dd45d");
        assertThat(undeclared.patients().get(0).assigningAuthority()).isEqualTo("http://hospital.smarthealthit.org");
        assertThat(undeclared.controlId()).isNull();
    }

    @Test
    void patient_demographics_keep_name_parts_identifiers_with_type_address_and_telecom() throws RejectedInput {
        Demographics d = BUNDLES.parse(bundle(resource(DESMOND), "127.0.0.1")).patients().get(0).demographics();

        assertThat(d.names()).singleElement().satisfies(n -> {
            assertThat(n.family()).isEqualTo("Gutmann");
            assertThat(n.given()).containsExactly("Desmond");
            assertThat(n.prefix()).isEqualTo("Mr.");
            assertThat(n.use()).isEqualTo("official");
        });
        assertThat(d.birthDate()).isEqualTo(LocalDate.of(1984, 1, 4));
        assertThat(d.administrativeSex()).isEqualTo("male");
        assertThat(d.identifiers()).contains(
                new PatientIdentifier("http://hl7.org/fhir/sid/us-ssn", "999-79-2897", "SS"),
                new PatientIdentifier("http://hospital.smarthealthit.org", "d49945ce-9f8c-4974-80e3-0b38054dd45d", "MR"));
        assertThat(d.addresses()).singleElement().satisfies(a -> {
            assertThat(a.city()).isEqualTo("Winchester");
            assertThat(a.postalCode()).isEqualTo("01890");
        });
        assertThat(d.telecoms()).singleElement().satisfies(t -> assertThat(t.system()).isEqualTo("phone"));
        assertThat(d.deceasedDate()).isNull();
    }

    @Test
    void an_observation_keeps_code_value_and_unit_as_sent_with_its_time_and_encounter() throws RejectedInput {
        List<ClinicalEvent> facts = facts(BUNDLES.parse(bundle(resource(DESMOND), "127.0.0.1")));

        ObservationRecorded height = facts.stream().filter(ObservationRecorded.class::isInstance)
                .map(ObservationRecorded.class::cast).filter(o -> o.code().codings().get(0).code().equals("8302-2"))
                .findFirst().orElseThrow();
        assertThat(height.code().codings().get(0).system()).isEqualTo("http://loinc.org");
        assertThat(height.valueType()).isEqualTo("Quantity");
        assertThat(height.quantity().valueAsSent()).isEqualTo("181.34380831944074");
        assertThat(height.quantity().value()).isEqualByComparingTo(new BigDecimal("181.34380831944074"));
        assertThat(height.quantity().unitSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(height.quantity().unitCode()).isEqualTo("cm");
        assertThat(height.effective().asSent()).isEqualTo("2012-12-13T04:00:52+00:00");
        assertThat(height.effective().instant()).isEqualTo(Instant.parse("2012-12-13T04:00:52Z"));
        assertThat(height.effective().precision()).isEqualTo("second");
        assertThat(height.issued().precision()).isEqualTo("millisecond");
        assertThat(height.category().codings().get(0).code()).isEqualTo("vital-signs");
        assertThat(height.encounterId()).isEqualTo("33287fc1-3a24-4f81-ae6c-1cf2c6d4f545");
        assertThat(facts).filteredOn(EncounterStarted.class::isInstance).map(f -> ((EncounterStarted) f).encounterId())
                .contains(height.encounterId());
    }

    @Test
    void a_blood_pressure_panel_keeps_its_components_as_text_in_one_fact() throws RejectedInput {
        List<ClinicalEvent> facts = facts(BUNDLES.parse(bundle(resource(DESMOND), "127.0.0.1")));

        ObservationRecorded panel = facts.stream().filter(ObservationRecorded.class::isInstance)
                .map(ObservationRecorded.class::cast).filter(o -> o.code().codings().get(0).code().equals("55284-4"))
                .findFirst().orElseThrow();
        assertThat(panel.valueType()).isEqualTo("component");
        assertThat(panel.valueText()).contains("8480-6").contains("8462-4").contains("mm[Hg]");
    }

    @Test
    void relative_and_urn_uuid_references_resolve_to_their_patients_in_a_collection() throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"collection","identifier":{"value":"batch-42"},"entry":[
                 {"resource":{"resourceType":"Patient","id":"123","identifier":[{"system":"urn:mrn","value":"A1",
                   "type":{"coding":[{"code":"MR"}]}}]}},
                 {"fullUrl":"urn:uuid:0b7f3b1e-0000-4000-8000-000000000002","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"urn:mrn","value":"B2"}]}},
                 {"resource":{"resourceType":"Condition","subject":{"reference":"Patient/123"},
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]}}},
                 {"resource":{"resourceType":"Immunization","status":"completed","vaccineCode":{"text":"flu"},
                   "patient":{"reference":"urn:uuid:0b7f3b1e-0000-4000-8000-000000000002"},
                   "occurrenceDateTime":"2021-10"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"note"},
                   "subject":{"identifier":{"system":"urn:mrn","value":"B2"}},"valueString":"ok"}}]}"""));

        assertThat(parsed.controlId()).isEqualTo("batch-42");
        assertThat(parsed.patients()).extracting(ParsedMessage.PatientPart::localId).containsExactly("A1", "B2");
        assertThat(facts(parsed.patients().get(0))).singleElement().extracting(f -> f.getClass().getSimpleName())
                .isEqualTo("ConditionRecorded");
        assertThat(facts(parsed.patients().get(1))).extracting(f -> f.getClass().getSimpleName())
                .containsExactly("ImmunizationRecorded", "ObservationRecorded");
    }

    @Test
    void an_immunization_keeps_its_dose_route_site_maker_reason_source_and_expiry() throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"p","identifier":[{"system":"urn:mrn","value":"I1"}]}},
                 {"resource":{"resourceType":"Immunization","id":"imm-1","status":"completed",
                   "identifier":[{"system":"urn:ehr:imm"},{"system":"urn:ehr:imm","value":"IMM-77"}],
                   "patient":{"reference":"Patient/p"},
                   "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"140"}]},
                   "occurrenceDateTime":"2013-01-10","primarySource":false,
                   "reportOrigin":{"coding":[{"code":"record"}],"text":"Written record"},
                   "manufacturer":{"reference":"Organization/hl7","display":"Sanofi Pasteur",
                     "identifier":{"system":"http://hl7.org/fhir/sid/mvx","value":"PMC"}},
                   "lotNumber":"AAJN11K","expirationDate":"2015-02",
                   "site":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActSite","code":"LA"}]},
                   "route":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration",
                     "code":"IM"}]},
                   "doseQuantity":{"value":5,"system":"http://unitsofmeasure.org","code":"mg"}}},
                 {"resource":{"resourceType":"Immunization","id":"imm-2","status":"not-done",
                   "patient":{"reference":"Patient/p"},
                   "vaccineCode":{"text":"flu"},"occurrenceDateTime":"2021-10",
                   "statusReason":{"coding":[{"code":"PATOBJ"}],"text":"patient objection"},
                   "manufacturer":{"display":"a maker named only in words"}}}]}"""));

        List<ImmunizationDetails> details = facts(parsed).stream().map(f -> ((ImmunizationRecorded) f).details())
                .toList();
        ImmunizationDetails given = details.get(0);
        assertThat(given.dose().value()).isEqualByComparingTo("5");
        assertThat(given.dose().unitCode()).isEqualTo("mg");
        assertThat(given.route().codings().get(0).code()).isEqualTo("IM");
        assertThat(given.site().codings().get(0).code()).isEqualTo("LA");
        assertThat(given.manufacturer()).isEqualTo(Concept.of("http://hl7.org/fhir/sid/mvx", "PMC",
                "Sanofi Pasteur"));
        assertThat(given.primarySource()).isFalse();
        assertThat(given.reportOrigin().text()).isEqualTo("Written record");
        assertThat(given.expiration().asSent()).isEqualTo("2015-02");
        assertThat(given.expiration().precision()).isEqualTo("month");
        assertThat(given.statusReason()).isNull();
        ImmunizationDetails refused = details.get(1);
        assertThat(refused.statusReason().codings().get(0).code()).isEqualTo("PATOBJ");
        assertThat(refused.manufacturer().text()).isEqualTo("a maker named only in words");
        assertThat(refused.primarySource()).as("not said").isNull();
        assertThat(refused.dose()).isNull();
        assertThat(facts(parsed)).extracting(f -> ((ImmunizationRecorded) f).recordId())
                .as("the first identifier with a value, else the id").containsExactly("urn:ehr:imm|IMM-77", "imm-2");
    }

    @Test
    void conditional_references_by_identifier_resolve_to_the_one_patient_of_the_transaction() throws RejectedInput {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:0b7f3b1e-0000-4000-8000-000000000011","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"urn:oid:1.2.3","value":"C-77"},{"system":"urn:ssn","value":"S-9"}]},
                   "request":{"method":"PUT","url":"Patient?identifier=urn:oid:1.2.3|C-77"}},
                 {"fullUrl":"urn:uuid:0b7f3b1e-0000-4000-8000-000000000012","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"urn:oid:1.2.3","value":"D-88"},{"system":"urn:other","value":"C-77"}]},
                   "request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"a"},"valueString":"1",
                   "subject":{"reference":"Patient?identifier=urn%3Aoid%3A1.2.3%7CC-77"}},
                   "request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"b"},"valueString":"2",
                   "subject":{"reference":"Patient?identifier=D-88"}},
                   "request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"c"},"valueString":"3",
                   "subject":{"reference":"Patient?identifier=urn:oid:1.2.3|C-77&identifier=urn:ssn|S-9"}},
                   "request":{"method":"POST","url":"Observation"}}MORE]}""";

        ParsedMessage parsed = BUNDLES.parse(bundle(bundle.replace("MORE", "")));

        assertThat(parsed.patients()).extracting(ParsedMessage.PatientPart::localId).containsExactly("C-77", "D-88");
        assertThat(facts(parsed.patients().get(0))).hasSize(2);
        assertThat(facts(parsed.patients().get(1))).hasSize(1);
        for (String ambiguous : List.of("C-77", "urn:oid:1.2.3|C-77&identifier=D-88", "urn:oid:1.2.3|X-1",
                "urn:oid:1.2.3%7CC-77%zz", "|C-77", "urn:oid:1.2.3|C-77&birthdate=2000")) {
            String entry = """
                    ,{"resource":{"resourceType":"Observation","status":"final","code":{"text":"d"},"valueString":"4",
                      "subject":{"reference":"Patient?identifier=%s"}},\
                      "request":{"method":"POST","url":"Observation"}}"""
                    .formatted(ambiguous);
            assertThatThrownBy(() -> BUNDLES.parse(bundle(bundle.replace("MORE", entry)))).as(ambiguous)
                    .isInstanceOfSatisfying(RejectedInput.class, e -> {
                        assertThat(e.location()).isEqualTo("Bundle.entry[5].resource.subject");
                        assertThat(e.getMessage()).contains("does not resolve to a Patient in the message");
                    });
        }
        String twin = """
                ,{"resource":{"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.3","value":"C-77"}]},
                  "request":{"method":"POST","url":"Patient"}}""";
        assertThatThrownBy(() -> BUNDLES.parse(bundle(bundle.replace("MORE", twin))))
                .as("two Patients with the same system and value: neither is chosen")
                .isInstanceOfSatisfying(RejectedInput.class,
                        e -> assertThat(e.location()).isEqualTo("Bundle.entry[2].resource.subject"));
    }

    @Test
    void a_reference_by_identifier_no_patient_of_the_bundle_carries_names_the_one_the_hub_holds_from_the_sender()
            throws RejectedInput {
        List<String> asked = new ArrayList<>();
        FhirBundleParser parser = new FhirBundleParser(FhirFixtures.READER, (authority, localId, identifiers) -> {
            asked.add(authority + " " + localId + " " + identifiers.stream()
                    .map(i -> i.system() + "|" + i.value()).toList());
            return authority.equals("EHR") && localId.equals("M-1")
                    && identifiers.stream().allMatch(i -> i.system().equals("urn:mrn") || i.system().equals("urn:ssn"));
        });
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"a"},"valueString":"1",
                   "subject":{"reference":"Patient?identifier=urn:mrn|M-1"}},"request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"b"},"valueString":"2",
                   "subject":{"reference":"Patient?identifier=urn:mrn|M-1"}},"request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Condition","code":{"text":"c"},
                   "subject":{"identifier":{"system":"urn:mrn","value":"M-1"}}},"request":{"method":"POST","url":"Condition"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"d"},"valueString":"3",
                   "subject":{"reference":"Patient?identifier=urn:ssn|S-5&identifier=urn:mrn|M-1"}},
                   "request":{"method":"POST","url":"Observation"}}MORE]}""";

        ParsedMessage parsed = parser.parse(ehrBundle(bundle.replace("MORE", "")));

        assertThat(parsed.patients()).singleElement().satisfies(part -> {
            assertThat(part.assigningAuthority()).isEqualTo("EHR");
            assertThat(part.localId()).isEqualTo("M-1");
            assertThat(part.factsOnly()).as("an earlier patient: no demographics to register").isTrue();
            assertThat(facts(part)).hasSize(4);
        });
        assertThat(asked).as("each distinct reference asked once; the local id is one of the identifiers")
                .containsExactly("EHR M-1 [urn:mrn|M-1]", "EHR S-5 [urn:ssn|S-5, urn:mrn|M-1]",
                        "EHR M-1 [urn:ssn|S-5, urn:mrn|M-1]");

        String unknown = """
                ,{"resource":{"resourceType":"Observation","status":"final","code":{"text":"e"},"valueString":"4",
                  "subject":{"reference":"Patient?identifier=urn:other|M-1"}},"request":{"method":"POST","url":"Observation"}}""";
        assertThatThrownBy(() -> parser.parse(ehrBundle(bundle.replace("MORE", unknown))))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[4].resource.subject");
                    assertThat(e.getMessage()).contains("nor to one the hub holds from this sender by that identifier");
                });
        asked.clear();
        String inBundle = """
                ,{"resource":{"resourceType":"Patient","identifier":[{"system":"urn:mrn","value":"M-1"},
                  {"system":"urn:ssn","value":"S-5"}]},"request":{"method":"PUT","url":"Patient?identifier=urn:mrn|M-1"}}""";
        ParsedMessage withPatient = parser.parse(ehrBundle(bundle.replace("MORE", inBundle)));
        assertThat(asked).as("a Patient of the bundle carrying the identifier is the one meant; its update asks "
                + "only whether the record is held, for its answer").containsExactly("EHR M-1 []");
        assertThat(withPatient.patients()).singleElement().satisfies(part -> {
            assertThat(part.factsOnly()).isFalse();
            assertThat(facts(part)).hasSize(4);
        });
        assertThatThrownBy(() -> BUNDLES.parse(ehrBundle(bundle.replace("MORE", ""))))
                .as("the same sender, through the parser without a lookup: nothing is held")
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[0].resource.subject");
                    assertThat(e.getMessage()).doesNotContain("the hub holds");
                });
    }

    @Test
    void a_conditional_create_of_a_patient_the_hub_holds_creates_nothing_and_its_entries_go_to_that_patient()
            throws RejectedInput {
        FhirBundleParser parser = new FhirBundleParser(FhirFixtures.READER,
                (authority, localId, identifiers) -> authority.equals("EHR") && localId.equals("M-1"));
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:0b7f3b1e-0000-4000-8000-000000000021","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"urn:mrn","value":"MRN"}],"name":[{"family":"Stale"}]},
                   "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=urn:mrn|MRN"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"a"},"valueString":"1",
                   "subject":{"reference":"urn:uuid:0b7f3b1e-0000-4000-8000-000000000021"}},
                   "request":{"method":"POST","url":"Observation"}}]}""";

        MessageAssembler.Assembled held = fromEhr(parser, bundle.replace("MRN", "M-1"));
        MessageAssembler.Assembled created = fromEhr(parser, bundle.replace("MRN", "M-2"));

        assertThat(held.message().patients()).singleElement().satisfies(part -> {
            assertThat(part.localId()).isEqualTo("M-1");
            assertThat(part.factsOnly()).as("the held record's demographics stand").isTrue();
            assertThat(facts(part)).hasSize(1);
        });
        assertThat(held.outline().lines().get(0).existing()).isTrue();
        assertThat(FhirResponses.entryResponses(held.outline(), false, Map.of()).getEntry())
                .extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "201 Created");
        assertThat(created.message().patients()).singleElement().satisfies(part -> {
            assertThat(part.localId()).isEqualTo("M-2");
            assertThat(part.demographics().names()).isNotEmpty();
        });
        assertThat(created.outline().lines().get(0).existing()).isFalse();
    }

    @Test
    void an_update_of_a_patient_the_hub_holds_is_answered_200_and_of_a_new_one_201() throws RejectedInput {
        FhirBundleParser parser = new FhirBundleParser(FhirFixtures.READER,
                (authority, localId, identifiers) -> authority.equals("EHR") && localId.equals("M-1"));
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"resource":{"resourceType":"Patient","identifier":[{"system":"urn:mrn","value":"MRN"}],
                   "name":[{"family":"Moved"}]},"request":{"method":"PUT","url":"Patient?identifier=urn:mrn|MRN"}}]}""";

        MessageAssembler.Assembled update = fromEhr(parser, bundle.replace("MRN", "M-1"));
        MessageAssembler.Assembled create = fromEhr(parser, bundle.replace("MRN", "M-2"));

        assertThat(update.message().patients()).singleElement().satisfies(part -> {
            assertThat(part.factsOnly()).as("an update states the demographics").isFalse();
            assertThat(part.demographics().names()).isNotEmpty();
        });
        assertThat(FhirResponses.entryResponses(update.outline(), false, Map.of()).getEntry())
                .extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK");
        assertThat(FhirResponses.entryResponses(create.outline(), false, Map.of()).getEntry())
                .extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created");
    }

    /** The bundle as the sender EHR posts it (X-Hub-Source: EHR), assembled with the parser's lookups. */
    private static MessageAssembler.Assembled fromEhr(FhirBundleParser parser, String bundle) throws RejectedInput {
        return parser.assemble(ehrBundle(bundle));
    }

    @Test
    void a_relative_reference_resolves_against_the_restful_base_of_its_entry() throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle(resource("fhir/official/Bundle-xds.json"), "127.0.0.1"));

        assertThat(parsed.patients()).singleElement().satisfies(p -> assertThat(p.facts()).isEmpty());
        assertThat(parsed.unsupported()).extracting(ParsedMessage.Unsupported::contentType)
                .containsExactlyInAnyOrder("DocumentReference", "Practitioner", "Binary");
    }

    @Test
    void a_reference_to_a_patient_on_another_server_refuses_the_bundle_naming_the_entry() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle(resource("fhir/official/Bundle-bundle-references.json"),
                "127.0.0.1")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[5].resource.subject");
                    assertThat(e.getMessage()).contains("does not resolve to a Patient");
                    assertThat(e.structural()).isFalse();
                });
    }

    @Test
    void a_collection_whose_patient_is_not_in_the_bundle_is_refused() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle(resource("fhir/official/Bundle-lipids.json"), "127.0.0.1")))
                .isInstanceOfSatisfying(RejectedInput.class,
                        e -> assertThat(e.location()).isEqualTo("Bundle.entry[1].resource.subject"));
    }

    @Test
    void a_transaction_asking_for_a_delete_is_refused_whole_naming_the_entry() {
        // The official example: two POSTs and three PUTs of Patients, two DELETEs, a $lookup and two GETs.
        assertThatThrownBy(() -> BUNDLES.parse(bundle(resource("fhir/official/Bundle-bundle-transaction.json"),
                "127.0.0.1")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[5].request.method");
                    assertThat(e.getMessage()).startsWith("DELETE is not carried out").contains("append-only");
                    assertThat(e.code()).isEqualTo(200);
                });
    }

    @Test
    void in_a_batch_the_delete_get_and_operation_entries_are_answered_alone_and_the_rest_is_stored()
            throws RejectedInput {
        byte[] batch = new String(resource("fhir/official/Bundle-bundle-transaction.json"),
                StandardCharsets.UTF_8).replace("\"type\": \"transaction\"", "\"type\": \"batch\"")
                .getBytes(StandardCharsets.UTF_8);

        MessageAssembler.Assembled assembled = BUNDLES.assemble(bundle(batch, "127.0.0.1"));

        assertThat(assembled.outline().bundleType()).isEqualTo("batch");
        assertThat(assembled.message().patients()).hasSize(5);
        assertThat(assembled.message().patients()).extracting(ParsedMessage.PatientPart::localId)
                .contains("61ebe359-bfdc-4613-8bf2-c5e300945f0a", "234234", "123");
        assertThat(assembled.outline().lines()).extracting(l -> l.refusal() == null ? "stored"
                        : l.refusal().status() + " at " + l.refusal().location())
                .containsExactly("stored", "stored", "stored", "stored", "stored",
                        "405 Method Not Allowed at Bundle.entry[5].request.method",
                        "405 Method Not Allowed at Bundle.entry[6].request.method",
                        "400 Bad Request at Bundle.entry[7].request.url",
                        "405 Method Not Allowed at Bundle.entry[8].request.method",
                        "405 Method Not Allowed at Bundle.entry[9].request.method");
        assertThat(assembled.message().unsupported()).extracting(u -> u.contentType() + "=" + u.count())
                .containsExactlyInAnyOrder("DELETE request=2", "GET request=2", "POST request=1");
        assertThat(assembled.message().unsupported()).filteredOn(u -> u.contentType().equals("DELETE request"))
                .singleElement().satisfies(u -> assertThat(u.note()).contains("not carried out")
                        .contains("append-only").contains("raw payload"));
    }

    @Test
    void a_create_without_its_resource_is_refused_in_a_transaction() {
        String json = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"request":{"method":"POST","url":"Observation"}}]}""";

        assertThatThrownBy(() -> BUNDLES.parse(bundle(json)))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[1].resource");
                    assertThat(e.getMessage()).isEqualTo("a POST entry carries no resource");
                    assertThat(e.code()).isEqualTo(101);
                });
    }

    @Test
    void a_document_bundle_is_refused_by_its_type() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle(resource("fhir/official/Bundle-father.json"), "127.0.0.1")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.type");
                    assertThat(e.getMessage()).contains("document").contains("transaction, batch or collection");
                });
    }

    @Test
    void an_impossible_date_is_refused_naming_the_entry_but_not_the_value() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                   "subject":{"reference":"urn:uuid:p"},"effectiveDateTime":"2020-13-45T10:00:00Z"}}]}""")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[1].resource");
                    assertThat(e.getMessage()).contains("invalid date").contains("effectiveDateTime")
                            .doesNotContain("2020-13-45");
                });
    }

    @Test
    void truncated_json_is_refused_as_unreadable_with_its_position() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle("{\"resourceType\":\"Bundle\",\"type\":\"coll")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.structural()).isTrue();
                    assertThat(e.getMessage()).startsWith("not valid JSON at line 1, column");
                });
    }

    @Test
    void a_resource_that_is_not_a_bundle_is_refused() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle("{\"resourceType\":\"Patient\",\"id\":\"p\"}")))
                .isInstanceOfSatisfying(RejectedInput.class,
                        e -> assertThat(e.getMessage()).contains("expected a Bundle but got a Patient"));
    }

    @Test
    void a_clinical_resource_without_a_patient_is_refused() {
        for (String type : List.of("transaction", "batch")) { // a batch of nothing but that entry, too
            assertThatThrownBy(() -> BUNDLES.parse(bundle("""
                    {"resourceType":"Bundle","type":"%s","entry":[
                     {"resource":{"resourceType":"Condition","code":{"text":"x"}}}]}""".formatted(type))))
                    .isInstanceOfSatisfying(RejectedInput.class,
                            e -> assertThat(e.location()).isEqualTo("Bundle.entry[0].resource.subject"));
        }
    }

    @Test
    void in_a_batch_an_entry_that_cannot_be_stored_is_answered_alone_and_the_others_are_stored()
            throws RejectedInput {
        MessageAssembler.Assembled assembled = BUNDLES.assemble(bundle("""
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"ok"},
                   "subject":{"reference":"urn:uuid:p"},"valueString":"fine"},"request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"lost"},
                   "subject":{"reference":"urn:uuid:someone-else"}},"request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Condition","code":{"text":"x"}},"request":{"method":"POST","url":"Condition"}}
                ]}"""));

        assertThat(assembled.message().patients()).singleElement()
                .satisfies(p -> assertThat(p.facts()).hasSize(1));
        assertThat(assembled.outline().lines()).extracting(l -> l.refusal() == null ? "stored"
                        : l.refusal().status() + " at " + l.refusal().location())
                .containsExactly("stored", "stored", "400 Bad Request at Bundle.entry[2].resource.subject",
                        "400 Bad Request at Bundle.entry[3].resource.subject");
        assertThat(assembled.message().unsupported()).extracting(u -> u.contentType() + "=" + u.count())
                .containsExactlyInAnyOrder("Observation refused=1", "Condition refused=1");
    }

    @Test
    void in_a_batch_an_entry_hapi_cannot_read_is_answered_alone_and_the_others_are_stored() throws RejectedInput {
        MessageAssembler.Assembled assembled = BUNDLES.assemble(bundle("""
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"bad"},
                   "subject":{"reference":"urn:uuid:p"},"effectiveDateTime":"2020-02-30"},
                  "request":{"method":"POST","url":"Observation"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"ok"},
                   "subject":{"reference":"urn:uuid:p"},"effectiveDateTime":"2020-02-03",
                   "valueQuantity":{"value":1.10,"unit":"g"}},"request":{"method":"POST","url":"Observation"}},
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"q"},
                  "request":{"method":"POST","url":"Patient"}}
                ]}"""));

        assertThat(assembled.message().patients()).singleElement()
                .satisfies(p -> assertThat(p.facts()).hasSize(1));
        assertThat(((ObservationRecorded) facts(assembled.message()).get(0)).quantity().valueAsSent())
                .as("the batch read again keeps its numbers as sent").isEqualTo("1.10");
        assertThat(assembled.outline().lines()).extracting(l -> l.refusal() == null ? "stored"
                        : l.refusal().status() + " at " + l.refusal().location() + ": " + l.refusal().reason())
                .containsExactly("stored",
                        "400 Bad Request at Bundle.entry[1].resource: the resource has an invalid date or time in "
                                + "element 'effectiveDateTime' (HAPI-1821)",
                        "stored",
                        "400 Bad Request at Bundle.entry[3].fullUrl: Bundle.entry[3].fullUrl repeats the fullUrl of "
                                + "Bundle.entry[0]; each entry needs its own (bdl-7)");
    }

    @Test
    void two_entries_under_one_full_url_refuse_a_transaction_rather_than_resolve_to_the_first() {
        assertThatThrownBy(() -> BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","identifier":[{"system":"urn:mrn",
                   "value":"4"}]},"request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","identifier":[{"system":"urn:mrn",
                   "value":"5"}]},"request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                   "subject":{"reference":"urn:uuid:p"}},"request":{"method":"POST","url":"Observation"}}
                ]}""")))
                .isInstanceOfSatisfying(RejectedInput.class,
                        e -> assertThat(e.location()).isEqualTo("Bundle.entry[1].fullUrl"));
    }

    @Test
    void patients_known_only_by_urn_oid_full_urls_stay_two_records() throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:oid:1.2.3","resource":{"resourceType":"Patient","name":[{"family":"A"}]}},
                 {"fullUrl":"urn:oid:2.2.3","resource":{"resourceType":"Patient","name":[{"family":"B"}]}}
                ]}"""));

        assertThat(parsed.patients()).extracting(ParsedMessage.PatientPart::localId)
                .containsExactly("1.2.3", "2.2.3");
    }

    @Test
    void a_twenty_byte_decimal_with_a_huge_exponent_is_refused_at_once() throws RejectedInput {
        String observation = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                   "subject":{"reference":"urn:uuid:p"},"valueQuantity":{"value":%s}}}
                ]}""";

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> BUNDLES.parse(bundle(observation.formatted("1E800000"))))).isInstanceOfSatisfying(
                RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("Bundle.entry[1].resource");
                    assertThat(e.getMessage()).contains("exponent beyond ±400").contains("'value'");
                });
        assertThatThrownBy(() -> BUNDLES.parse(bundle(observation.formatted("1E-10000000"))))
                .isInstanceOf(RejectedInput.class);
        assertThat(facts(BUNDLES.parse(bundle(observation.formatted("1.0e-7"))))).singleElement()
                .satisfies(f -> assertThat(((ObservationRecorded) f).quantity().value())
                        .isEqualByComparingTo("0.0000001"));
    }

    @Test
    void a_leap_second_is_read_as_the_second_after_23_59_59() throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                   "subject":{"reference":"urn:uuid:p"},"effectiveDateTime":"2016-12-31T23:59:60Z"}}
                ]}"""));

        ObservationRecorded observation = (ObservationRecorded) facts(parsed).get(0);
        assertThat(observation.effective().instant()).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(observation.effective().asSent()).isEqualTo("2016-12-31T23:59:60Z");
    }

    @Test
    void repeated_categories_types_and_reasons_are_all_kept_and_a_time_given_as_text_is_kept_as_sent()
            throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"}},
                 {"resource":{"resourceType":"Condition","code":{"text":"asthma"},"subject":{"reference":"urn:uuid:p"},
                   "category":[{"coding":[{"code":"problem-list-item"}]},{"coding":[{"code":"encounter-diagnosis"}]}],
                   "onsetString":"since childhood"}},
                 {"resource":{"resourceType":"Encounter","id":"e1","status":"finished","subject":{"reference":"urn:uuid:p"},
                   "type":[{"text":"t1"},{"text":"t2"}],"reasonCode":[{"text":"r1"},{"text":"r2"}],
                   "period":{"start":"2026-11-20T08:00:00Z"}}},
                 {"resource":{"resourceType":"Immunization","status":"completed","patient":{"reference":"urn:uuid:p"},
                   "vaccineCode":{"text":"flu"},"occurrenceString":"spring 2019"}}
                ]}"""));

        List<ClinicalEvent> facts = facts(parsed);
        ConditionRecorded condition = (ConditionRecorded) facts.stream().filter(ConditionRecorded.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(condition.category().codings()).extracting(c -> c.code())
                .containsExactly("problem-list-item", "encounter-diagnosis");
        assertThat(condition.onset().asSent()).isEqualTo("since childhood");
        assertThat(condition.onset().instant()).isNull();
        EncounterStarted encounter = (EncounterStarted) facts.stream().filter(EncounterStarted.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(encounter.type().text()).isEqualTo("t1; t2");
        assertThat(encounter.reason().text()).isEqualTo("r1; r2");
        ImmunizationRecorded immunization = (ImmunizationRecorded) facts.stream()
                .filter(ImmunizationRecorded.class::isInstance).findFirst().orElseThrow();
        assertThat(immunization.occurrence().asSent()).isEqualTo("spring 2019");
        assertThat(immunization.occurrence().precision()).isEqualTo("text");
    }

    @Test
    void a_medication_reference_to_a_bundled_medication_takes_its_code() throws RejectedInput {
        ParsedMessage parsed = BUNDLES.parse(bundle("""
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p"}},
                 {"fullUrl":"urn:uuid:m","resource":{"resourceType":"Medication","code":{"coding":[
                   {"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975"}]}}},
                 {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
                   "subject":{"reference":"urn:uuid:p"},"medicationReference":{"reference":"urn:uuid:m"},
                   "authoredOn":"2021-03-04","dosageInstruction":[{"text":"1 tablet daily",
                   "doseAndRate":[{"doseQuantity":{"value":500,"unit":"mg"}}]}]}}]}"""));

        MedicationRecorded medication = (MedicationRecorded) facts(parsed).get(0);
        assertThat(medication.kind()).isEqualTo("REQUEST");
        assertThat(medication.medication().codings().get(0).code()).isEqualTo("860975");
        assertThat(medication.authoredOn().precision()).isEqualTo("day");
        assertThat(medication.dose().unitAsSent()).isEqualTo("mg");
        assertThat(medication.dosageText()).isEqualTo("1 tablet daily");
    }
}
