package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.fixture;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.message;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hiehub.api.clinical.AllergyRecorded;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.ConditionRecorded;
import org.hiehub.api.clinical.DischargeCancelled;
import org.hiehub.api.clinical.EncounterCancelled;
import org.hiehub.api.clinical.EncounterEnded;
import org.hiehub.api.clinical.EncounterTransferred;
import org.hiehub.api.clinical.TransferCancelled;
import org.hiehub.api.clinical.EncounterStarted;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

class Hl7v2ParserAdtTest {

    static final String MSH = "MSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|HIEHUB|HIE|202611221200||ADT^%s|MSG-%s|P|2.5.1";
    final Hl7v2Parser parser = new Hl7v2Parser();

    static String pid() {
        return Seg.of("PID").set(1, "1").set(3, "987-65-4320^^^SSA^SS~12345^^^GHH^MR")
                .set(5, "Everyman^Adam^A Bert^III^Dr^^L~Everyman^Ad^^^^^N").set(7, "19800131").set(8, "M")
                .set(11, "2222 Home Street^Apt 3^Greensboro^NC^27401-1020^USA^H")
                .set(13, "^PRN^PH^^1^555^5552004~^NET^Internet^adam@example.org").set(14, "(555)555-3001^WPN^PH")
                .set(24, "Y").set(25, "2").toString();
    }

    static String pv1() {
        return Seg.of("PV1").set(1, "1").set(2, "I").set(3, "2000^2012^01^GHH").set(4, "E").set(14, "7")
                .set(19, "V1001^^^GHH^VN").set(36, "01").set(44, "202611221130").set(45, "202611241000")
                .toString();
    }

    @Test
    void an_admission_registers_demographics_and_identifiers_from_pid() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(MSH.formatted("A01", 1), "EVN|A01|202611221200", pid(),
                Seg.of("PV1").set(2, "I").set(19, "V1001").set(44, "202611221130").toString()));

        assertThat(parsed.messageType()).isEqualTo("ADT^A01");
        assertThat(parsed.controlId()).isEqualTo("MSG-1");
        assertThat(parsed.sourceSystem()).isEqualTo("ADT1@GOOD HEALTH HOSPITAL");
        ParsedMessage.PatientPart patient = parsed.patients().get(0);
        assertThat(patient.assigningAuthority()).isEqualTo("GHH");
        assertThat(patient.localId()).isEqualTo("12345");
        Demographics d = patient.demographics();
        assertThat(d.names()).containsExactly(
                new PersonName("official", "Everyman", List.of("Adam", "A", "Bert"), "Dr", "III"),
                new PersonName("nickname", "Everyman", List.of("Ad"), null, null));
        assertThat(d.birthDate()).isEqualTo(LocalDate.of(1980, 1, 31));
        assertThat(d.administrativeSex()).isEqualTo("male");
        assertThat(d.identifiers()).containsExactly(new PatientIdentifier("SSA", "987-65-4320", "SS"),
                new PatientIdentifier("GHH", "12345", "MR"));
        assertThat(d.addresses()).singleElement().satisfies(a -> {
            assertThat(a.lines()).containsExactly("2222 Home Street", "Apt 3");
            assertThat(a.city()).isEqualTo("Greensboro");
            assertThat(a.postalCode()).isEqualTo("27401-1020");
            assertThat(a.use()).isEqualTo("home");
        });
        assertThat(d.telecoms()).containsExactly(new ContactPoint("phone", "+1 (555) 5552004", "home"),
                new ContactPoint("email", "adam@example.org", "home"),
                new ContactPoint("phone", "(555)555-3001", "work"));
        assertThat(d.multipleBirthOrder()).isEqualTo(2);
    }

    @Test
    void an_admission_starts_an_encounter_and_records_diagnoses_and_allergies() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(MSH.formatted("A01", 2), "EVN|A01|202611221200", pid(),
                "ZPI|a custom segment|in the middle", pv1(), "PV2|||CP^Chest pain^LOCAL",
                "DG1|1||I20.9^Angina pectoris, unspecified^I10||202611221145|A",
                "AL1|1|DA|70618^Penicillin^RXNORM|SV|HIVES~RASH|20200101", "ZZZ|trailing"));

        List<ClinicalEvent> facts = bind(parsed);
        assertThat(facts).hasSize(3);
        EncounterStarted encounter = (EncounterStarted) facts.get(0);
        assertThat(encounter.encounterId()).isEqualTo("V1001");
        assertThat(encounter.encounterClass()).isEqualTo("inpatient");
        assertThat(encounter.location()).isEqualTo("2000^2012^01^GHH");
        assertThat(encounter.start().instant()).isEqualTo(Instant.parse("2026-11-22T11:30:00Z"));
        assertThat(encounter.reason().text()).isEqualTo("Chest pain");
        assertThat(encounter.admitSource()).isEqualTo("7");
        ConditionRecorded condition = (ConditionRecorded) facts.get(1);
        assertThat(condition.code().codings().get(0).system()).isEqualTo("I10");
        assertThat(condition.code().codings().get(0).code()).isEqualTo("I20.9");
        assertThat(condition.encounterId()).isEqualTo("V1001");
        AllergyRecorded allergy = (AllergyRecorded) facts.get(2);
        assertThat(allergy.substance().codings().get(0).code()).isEqualTo("70618");
        assertThat(allergy.categories()).containsExactly("medication");
        assertThat(allergy.criticality()).isEqualTo("high");
        assertThat(allergy.reactions()).extracting(r -> r.text()).containsExactly("HIVES", "RASH");
    }

    @Test
    void a_registration_starts_an_encounter_but_an_update_does_not() throws RejectedInput {
        assertThat(bind(parser.parse(message(MSH.formatted("A04", 3), pid(), pv1()))))
                .singleElement().isInstanceOf(EncounterStarted.class);
        assertThat(parser.parse(message(MSH.formatted("A08", 4), pid(), pv1())).factCount()).isZero();
        assertThat(parser.parse(message(MSH.formatted("A31", 5), pid())).patients()).hasSize(1);
    }

    @Test
    void a_pending_admission_or_leave_restates_the_patient_and_keeps_the_visit_event_with_a_note()
            throws RejectedInput {
        for (String trigger : List.of("A05", "A14", "A21")) {
            ParsedMessage parsed = parser.parse(message(MSH.formatted(trigger, 40), "EVN|" + trigger + "|202611221200",
                    pid(), pv1(), "DG1|1||I20.9^Angina pectoris, unspecified^I10||202611221145|A"));

            ParsedMessage.PatientPart patient = parsed.patients().get(0);
            assertThat(patient.identifiesOnly()).as("an ADT's PID is the sender's statement").isFalse();
            assertThat(patient.demographics().names()).isNotEmpty();
            assertThat(bind(parsed)).as(trigger).singleElement().isInstanceOf(ConditionRecorded.class);
            assertThat(parsed.unsupported()).singleElement().satisfies(note -> {
                assertThat(note.contentType()).startsWith("ADT^" + trigger + " (");
                assertThat(note.note()).contains("kept in the raw payload");
            });
        }
        ParsedMessage added = parser.parse(message(MSH.formatted("A28", 41), "EVN|A28|202611221200", pid()));
        assertThat(added.unsupported()).as("adding a person is a registration, nothing left over").isEmpty();
        assertThat(added.patients().get(0).demographics().birthDate()).isEqualTo(LocalDate.of(1980, 1, 31));
    }

    @Test
    void a_transfer_and_its_cancellation_move_the_visit_they_name_and_restate_the_patient() throws RejectedInput {
        String moved = Seg.of("PV1").set(1, "1").set(2, "I").set(3, "3000^3012^02^GHH").set(6, "2000^2012^01^GHH")
                .set(19, "V1001^^^GHH^VN").toString();
        ParsedMessage transfer = parser.parse(message(MSH.formatted("A02", 46), "EVN|A02|202611231200", pid(), moved,
                "DG1|1||I20.9^Angina pectoris, unspecified^I10||202611221145|A"));
        ParsedMessage undone = parser.parse(message(MSH.formatted("A12", 47), "EVN|A12|202611231300", pid(),
                Seg.of("PV1").set(1, "1").set(2, "I").set(3, "2000^2012^01^GHH").set(19, "V1001").toString()));
        ParsedMessage unnamed = parser.parse(message(MSH.formatted("A02", 48), "EVN|A02|202611231200", pid(),
                Seg.of("PV1").set(1, "1").set(2, "I").set(3, "3000^3012^02^GHH").toString()));

        assertThat(transfer.patients().get(0).identifiesOnly()).as("the PID is a statement").isFalse();
        assertThat(transfer.patients().get(0).demographics().names()).isNotEmpty();
        assertThat(undone.patients().get(0).identifiesOnly()).as("so is the cancellation's").isFalse();
        assertThat(undone.unsupported()).as("nothing of the cancellation left unmapped").isEmpty();
        assertThat(transfer.unsupported()).as("nothing of the transfer left unmapped").isEmpty();
        List<ClinicalEvent> moves = bind(transfer);
        assertThat(moves).hasSize(2).anySatisfy(f -> assertThat(f).isInstanceOf(ConditionRecorded.class));
        assertThat(moves).filteredOn(EncounterTransferred.class::isInstance).singleElement()
                .isInstanceOfSatisfying(EncounterTransferred.class, t -> {
                    assertThat(t.encounterId()).isEqualTo("V1001");
                    assertThat(t.location()).isEqualTo("3000^3012^02^GHH");
                    assertThat(t.priorLocation()).isEqualTo("2000^2012^01^GHH");
                    assertThat(t.at().instant()).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
                });
        assertThat(bind(undone)).singleElement().isInstanceOfSatisfying(TransferCancelled.class, c -> {
            assertThat(c.encounterId()).isEqualTo("V1001");
            assertThat(c.location()).as("back where PV1-3 says").isEqualTo("2000^2012^01^GHH");
        });
        assertThat(bind(unnamed)).as("a transfer naming no visit moves nothing").isEmpty();
        assertThat(unnamed.unsupported()).singleElement().satisfies(note ->
                assertThat(note.note()).contains("kept in the raw payload"));
        assertThat(bind(parser.parse(fixture("fhir-converter/ADT-A02-01.hl7"))))
                .filteredOn(EncounterTransferred.class::isInstance).singleElement()
                .isInstanceOfSatisfying(EncounterTransferred.class, t ->
                        assertThat(t.encounterId()).as("PV1-19 of the converter's sample").isEqualTo("40007716"));
    }

    @Test
    void a_cancelled_admission_or_discharge_is_a_fact_naming_the_visit_it_withdraws() throws RejectedInput {
        List<ClinicalEvent> admission = bind(parser.parse(message(MSH.formatted("A11^ADT_A09", 42),
                "EVN|A11|202611221200||||202611221155", pid(), pv1(), "DG1|1||I10^Hypertension^I10")));
        List<ClinicalEvent> discharge = bind(parser.parse(message(MSH.formatted("A13", 44), "EVN|A13|202611241200",
                pid(), pv1())));

        assertThat(admission).as("a withdrawn visit's diagnoses are not recorded").singleElement()
                .isInstanceOfSatisfying(EncounterCancelled.class, c -> {
                    assertThat(c.encounterId()).isEqualTo("V1001");
                    assertThat(c.at().instant()).as("EVN-6, when it happened").isEqualTo(
                            Instant.parse("2026-11-22T11:55:00Z"));
                });
        assertThat(discharge).singleElement().isInstanceOfSatisfying(DischargeCancelled.class, c -> {
            assertThat(c.encounterId()).isEqualTo("V1001");
            assertThat(c.at().instant()).as("EVN-2 without EVN-6").isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
        });
        assertThat(bind(parser.parse(fixture("fhir-converter/ADT-A11-01.hl7")))).singleElement()
                .isInstanceOfSatisfying(EncounterCancelled.class,
                        c -> assertThat(c.encounterId()).isEqualTo("40007716"));
        assertThatThrownBy(() -> parser.parse(message(MSH.formatted("A11", 45), "EVN|A11|202611221200", pid(),
                Seg.of("PV1").set(1, "1").set(2, "I").toString())))
                .as("a cancellation that names no visit").isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("PV1-19");
                    assertThat(e.getMessage()).contains("must name the visit it cancels");
                });
        assertThatThrownBy(() -> parser.parse(message(MSH.formatted("A29", 43), "EVN|A29|202611221200", pid())))
                .as("deleting a person is not a visit event").isInstanceOfSatisfying(RejectedInput.class,
                        e -> assertThat(e.getMessage()).startsWith("unsupported message type ADT^A29"));
    }

    @Test
    void a_discharge_ends_the_encounter_named_by_its_visit_number() throws RejectedInput {
        List<ClinicalEvent> facts = bind(parser.parse(message(MSH.formatted("A03", 6), pid(), pv1())));

        EncounterEnded ended = (EncounterEnded) facts.get(0);
        assertThat(ended.encounterId()).isEqualTo("V1001");
        assertThat(ended.end().instant()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(ended.dischargeDisposition()).isEqualTo("01");
    }

    @Test
    void a_merge_names_the_surviving_and_the_retired_record_for_every_pid_mrg_pair() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(MSH.formatted("A40^ADT_A39", 7), "EVN|A40|202611221200",
                "PID|1||111^^^GHH^MR||Doe^Jane||19700101|F", "MRG|999^^^GHH^MR",
                "PID|2||222^^^GHH^MR||Roe^Rick||19600101|M", "MRG|888"));

        assertThat(parsed.merges()).containsExactly(new ParsedMessage.SourceMerge("GHH", "111", "999"),
                new ParsedMessage.SourceMerge("GHH", "222", "888"));
        assertThat(parsed.patients()).extracting(ParsedMessage.PatientPart::localId).containsExactly("111", "222");
    }

    @Test
    void without_an_assigning_authority_the_sending_facility_owns_the_identifier() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(MSH.formatted("A31", 8), "PID|1||555||Doe^Jane||19700101|F"));

        assertThat(parsed.patients().get(0).assigningAuthority()).isEqualTo("GOOD HEALTH HOSPITAL");
    }

    @Test
    void an_impossible_birth_date_is_refused_at_pid_7() {
        String badPid = "PID|1||12345^^^GHH^MR||Everyman^Adam||20230231|M";

        assertThatThrownBy(() -> parser.parse(message(MSH.formatted("A01", 9), badPid)))
                .isInstanceOfSatisfying(RejectedInput.class, e -> {
                    assertThat(e.location()).isEqualTo("PID-7");
                    assertThat(e.code()).isEqualTo(102);
                    assertThat(e.structural()).isFalse();
                });
    }

    @Test
    void a_patient_without_identifier_is_refused_at_pid_3() {
        assertThatThrownBy(() -> parser.parse(message(MSH.formatted("A01", 10), "PID|1||||Doe^Jane")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.location()).isEqualTo("PID-3"));
    }

    @Test
    void version_2_8_kitchen_sink_admissions_map_onto_the_same_structures() throws RejectedInput {
        for (String file : List.of("ADT-A01-01.hl7", "ADT-A04-01.hl7", "ADT-A08-01.hl7", "ADT-A31-01.hl7",
                "ADT-A03-01.hl7")) {
            ParsedMessage parsed = parser.parse(fixture("fhir-converter/" + file));
            assertThat(parsed.version()).isEqualTo("2.8");
            assertThat(parsed.patients()).singleElement().satisfies(p -> {
                assertThat(p.localId()).isNotBlank();
                assertThat(p.demographics().names()).isNotEmpty();
                assertThat(p.demographics().birthDate()).isNotNull();
            });
        }
        List<ClinicalEvent> admission = bind(parser.parse(fixture("fhir-converter/ADT-A01-01.hl7")));
        assertThat(admission).hasAtLeastOneElementOfType(EncounterStarted.class)
                .hasAtLeastOneElementOfType(ConditionRecorded.class)
                .hasAtLeastOneElementOfType(AllergyRecorded.class);
    }

    @Test
    void a_version_2_3_message_with_a_byte_order_mark_and_lf_separators_is_read_whole() throws RejectedInput {
        ParsedMessage parsed = parser.parse(fixture("fhir-converter/ADT01-23.hl7"));

        assertThat(parsed.version()).isEqualTo("2.3");
        assertThat(parsed.patients().get(0).demographics().names()).isNotEmpty();
        assertThat(bind(parsed)).hasAtLeastOneElementOfType(EncounterStarted.class);
    }

    @Test
    void a_diagnosis_coded_without_its_text_keeps_dg1_4_as_its_text_and_a_tribal_name_is_one_the_person_goes_by()
            throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(MSH.formatted("A08", 2), "EVN|A08|202611221200",
                pid().replace("~Everyman^Ad^^^^^N|", "~Running Bear^Adam^^^^^T|"), pv1(),
                "DG1|1||I20.9^^I10|Angina pectoris|202611221145|A"));

        ConditionRecorded condition = (ConditionRecorded) bind(parsed).get(0);
        assertThat(condition.code().text()).isEqualTo("Angina pectoris");
        assertThat(condition.code().codings().get(0).code()).isEqualTo("I20.9");
        assertThat(parsed.patients().get(0).demographics().names()).extracting(n -> n.family() + ":" + n.use())
                .containsExactly("Everyman:official", "Running Bear:usual");
    }

    static List<ClinicalEvent> bind(ParsedMessage parsed) {
        return parsed.patients().stream().flatMap(p -> p.facts().stream())
                .map(d -> d.bind(SourceRecordId.of("sr-test"), "m-test", "m-test/0")).toList();
    }
}
