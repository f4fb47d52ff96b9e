package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.bytes;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.fixture;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.message;
import static org.hiehub.command.ingest.hl7v2.Hl7Fixtures.segmentCount;
import static org.hiehub.command.ingest.hl7v2.Hl7v2ParserAdtTest.bind;

import java.time.LocalDate;
import java.util.List;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.clinical.Coding;
import org.hiehub.api.clinical.Concept;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

class Hl7v2ParserVxuTest {

    static final String MSH = "MSH|^~\\&|EHR|CLINIC|IIS|STATE|202611221200||VXU^V04^VXU_V04|%s|P|2.5.1";
    static final String PID = "PID|1||90012^^^NIST-MPI-1^MR||Wong^Elise^^^^^L||19830615|F";
    final Hl7v2Parser parser = new Hl7v2Parser();

    @Test
    void a_nist_immunization_update_records_each_vaccine_and_each_observation_under_it() throws RejectedInput {
        byte[] payload = bytes("fhir-converter/VXU.hl7");

        ParsedMessage parsed = parser.parse(fixture("fhir-converter/VXU.hl7"));

        assertThat(parsed.messageType()).isEqualTo("VXU^V04");
        assertThat(parsed.patients()).hasSize(1);
        ParsedMessage.PatientPart patient = parsed.patients().get(0);
        assertThat(patient.localId()).isEqualTo("90012");
        assertThat(patient.assigningAuthority()).isEqualTo("NIST-MPI-1");
        assertThat(patient.identifiesOnly()).as("a VXU's PID identifies, like a result's").isTrue();
        assertThat(patient.demographics().birthDate()).isEqualTo(LocalDate.of(1983, 6, 15));
        List<ClinicalEvent> facts = bind(parsed);
        List<ImmunizationRecorded> vaccines = vaccines(parsed);
        assertThat(vaccines).hasSize((int) segmentCount(payload, "RXA"));
        assertThat(facts.stream().filter(ObservationRecorded.class::isInstance).count())
                .isEqualTo(segmentCount(payload, "OBX"));
        ImmunizationRecorded tenivac = vaccines.get(0);
        assertThat(tenivac.vaccine().codings()).containsExactly(new Coding("NDC", "49281-0215-88", "TENIVAC"));
        assertThat(tenivac.status()).isEqualTo("completed");
        assertThat(tenivac.lotNumber()).isEqualTo("315841");
        assertThat(tenivac.occurrence().date()).isEqualTo(LocalDate.of(2015, 6, 24));
        assertThat(vaccines.get(1).vaccine().codings()).containsExactly(
                new Coding("CVX", "88", "influenza, unspecified formulation"));
        assertThat(vaccines.get(2).occurrence().date()).isEqualTo(LocalDate.of(2013, 11, 12));
        ObservationRecorded funding = (ObservationRecorded) facts.get(1);
        assertThat(funding.code().codings().get(0).code()).isEqualTo("30963-3");
        assertThat(funding.valueConcept().codings().get(0).code()).isEqualTo("PHC70");
        assertThat(funding.orderId()).as("ORC-3, the filler's id").isEqualTo("13696");
        assertThat(funding.orderCode()).isEqualTo(tenivac.vaccine());
        assertThat(tenivac.recordId()).as("ORC-3 names the record a later RXA-21 D withdraws").isEqualTo("13696");
    }

    @Test
    void a_v2_8_update_with_segments_2_5_1_does_not_know_is_read_alike() throws RejectedInput {
        byte[] payload = bytes("fhir-converter/VXU-V04-02.hl7");

        ParsedMessage parsed = parser.parse(fixture("fhir-converter/VXU-V04-02.hl7"));

        List<ClinicalEvent> facts = bind(parsed);
        assertThat(facts.stream().filter(ImmunizationRecorded.class::isInstance).count())
                .isEqualTo(segmentCount(payload, "RXA"));
        assertThat(facts.stream().filter(ObservationRecorded.class::isInstance).count())
                .isEqualTo(segmentCount(payload, "OBX"));
    }

    @Test
    void each_dose_keeps_its_amount_route_site_maker_expiry_and_whether_the_sender_gave_it() throws RejectedInput {
        List<ImmunizationRecorded> vaccines = vaccines(parser.parse(fixture("fhir-converter/VXU-V04-02.hl7")));

        ImmunizationDetails tenivac = vaccines.get(0).details();
        assertThat(tenivac.dose().value()).isEqualByComparingTo("0.5");
        assertThat(tenivac.dose().unitCode()).isEqualTo("mL");
        assertThat(tenivac.dose().unitSystem()).isEqualTo("UCUM");
        assertThat(tenivac.route().codings()).containsExactly(new Coding("NCIT", "C28161", "Intramuscular"));
        assertThat(tenivac.site().codings()).containsExactly(new Coding("HL70163", "RD", "Right Deltoid"));
        assertThat(tenivac.manufacturer().codings()).containsExactly(new Coding("MVX", "PMC", "Sanofi Pasteur"));
        assertThat(tenivac.expiration().date()).isEqualTo(LocalDate.of(2021, 12, 16));
        assertThat(tenivac.primarySource()).as("RXA-9 00: a new record").isTrue();
        assertThat(tenivac.reportOrigin()).isNull();
        ImmunizationDetails historical = vaccines.get(1).details();
        assertThat(historical.dose().valueAsSent()).isEqualTo("999");
        assertThat(historical.dose().value()).as("the guide's 999: the amount is not known").isNull();
        assertThat(historical.primarySource()).isFalse();
        assertThat(historical.reportOrigin().codings().get(0).code()).isEqualTo("01");
        assertThat(historical.route()).as("no RXR follows this RXA").isNull();
    }

    @Test
    void refused_not_given_and_deleted_vaccines_say_so_in_fhir_terms() throws RejectedInput {
        ParsedMessage parsed = parser.parse(message(MSH.formatted("V-1"), PID,
                "ORC|RE||1", rxa("20261101").set(18, "00^Parental decision^NIP002").set(20, "RE").toString(),
                "ORC|RE||2", rxa("20261102").set(20, "NA").toString(),
                "ORC|RE||3", rxa("20261103").set(20, "CP").set(21, "D").toString(),
                "ORC|RE||4", rxa("20261104").set(20, "PA").set(21, "A").toString(),
                "ORC|RE|P-5|9999", rxa("20261105").toString(),
                "ORC|RE|P-6", rxa("20261106").toString()));

        assertThat(vaccines(parsed)).extracting(ImmunizationRecorded::status)
                .containsExactly("not-done", "not-done", "entered-in-error", "completed", "completed", "completed");
        assertThat(vaccines(parsed)).extracting(ImmunizationRecorded::recordId)
                .as("ORC-3; the guide's 9999 is none; else ORC-2").containsExactly("1", "2", "3", "4", null, "P-6");
        assertThat(vaccines(parsed).get(0).details().statusReason())
                .as("RXA-18, why it was refused").isEqualTo(Concept.of("NIP002", "00", "Parental decision"));
    }

    @Test
    void an_administration_without_a_vaccine_or_with_an_impossible_date_is_refused_naming_the_field() {
        assertThatThrownBy(() -> parser.parse(message(MSH.formatted("V-2"), PID, "ORC|RE||1",
                "RXA|0|1|20261101||^^CVX|0.5")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.location()).isEqualTo("RXA-5"));
        assertThatThrownBy(() -> parser.parse(message(MSH.formatted("V-3"), PID, "ORC|RE||1",
                "RXA|0|1|20260230||141^Influenza, seasonal^CVX|0.5")))
                .isInstanceOfSatisfying(RejectedInput.class, e -> assertThat(e.location()).isEqualTo("RXA-3"));
    }

    private static Seg rxa(String given) {
        return Seg.of("RXA").set(1, "0").set(2, "1").set(3, given).set(5, "141^Influenza, seasonal^CVX").set(6, "0.5")
                .set(7, "mL");
    }

    private static List<ImmunizationRecorded> vaccines(ParsedMessage parsed) {
        return bind(parsed).stream().filter(ImmunizationRecorded.class::isInstance)
                .map(ImmunizationRecorded.class::cast).toList();
    }
}
