package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.command.ingest.hl7v2.Hl7Contexts;
import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A sending system's view: HAPI's own MLLP client against the running hub. */
@HubIntegrationTest
class Hl7v2MllpEndToEndTest {

    static final String OBSERVATION = "org.hiehub.api.clinical.ObservationRecorded";
    @LocalServerPort
    int httpPort;
    @Autowired
    MllpListener listener;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventPositions positions;
    HubClient hub;
    ExecutorService executor;
    HapiContext client;
    Initiator initiator;
    String mrn;
    String run;

    @BeforeEach
    void connect() throws Exception {
        hub = new HubClient(httpPort);
        // its own executor: closing a context on HAPI's shared default executor would stop the hub's listener too
        executor = Executors.newCachedThreadPool();
        client = Hl7Contexts.canonical(executor);
        Connection connection = client.newClient("127.0.0.1", listener.port(), false);
        initiator = connection.getInitiator();
        initiator.setTimeout(30, TimeUnit.SECONDS);
        run = UUID.randomUUID().toString().substring(0, 8);
        mrn = "MRN-" + run;
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        executor.shutdownNow();
    }

    @Test
    void an_admission_and_a_lab_result_are_acknowledged_once_stored_and_a_resend_stores_nothing_twice()
            throws Exception {
        Message admitAck = send(adt("A01", "ADM-" + run, "19800131"));
        assertThat(field(admitAck, "/MSA-1")).isEqualTo("AA");
        assertThat(field(admitAck, "/MSA-2")).isEqualTo("ADM-" + run);

        long before = observations();
        Message resultAck = send(oru("LAB-" + run));
        assertThat(field(resultAck, "/MSA-1")).isEqualTo("AA");
        assertThat(observations()).isEqualTo(before + 3);

        Message resendAck = send(oru("LAB-" + run));
        assertThat(field(resendAck, "/MSA-1")).isEqualTo("AA");
        assertThat(field(resendAck, "/MSA-2")).isEqualTo("LAB-" + run);
        assertThat(observations()).isEqualTo(before + 3);

        long position = positions.head();
        JsonNode found = hub.get("/api/patients?identifier=GHH%7C" + mrn + "&minPosition=" + position).json();
        assertThat(found.path("total").asInt()).isEqualTo(1);
        String patient = found.at("/patients/0/masterPatientId").asText();
        HubClient.Response summary = hub.get("/api/patients/" + patient + "?minPosition=" + position);
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().at("/golden/name/value/family").asText()).isEqualTo("Everyman");
        assertThat(summary.json().at("/sourceRecords/0/localId").asText()).isEqualTo(mrn);
    }

    @Test
    void an_immunization_update_records_the_vaccines_given_and_refused_and_closes_the_influenza_gap()
            throws Exception {
        String person = TestPeople.family();
        String vxu = "MSH|^~\\&|EHR|GHH|HIEHUB|HIE|20261120090000||VXU^V04^VXU_V04|VXU-" + run + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GHH^MR||" + person + "^Vera^V||19700304|F\r"
                + "ORC|RE||IZ-1-" + run + "\r"
                + "RXA|0|1|20261015||141^Influenza, seasonal, injectable^CVX|0.5|mL^mL^UCUM||00^New Record^NIP001"
                + "||||||LOT-77|20271231|SKB^GlaxoSmithKline^MVX|||CP|A\r"
                + "RXR|C28161^Intramuscular^NCIT|LD^Left Deltoid^HL70163\r"
                + "OBX|1|CE|64994-7^Vaccine Funding Program Eligibility^LN|1|V01^Not VFC Eligible^HL70064||||||F\r"
                + "ORC|RE||IZ-2-" + run + "\r"
                + "RXA|0|1|20261101||33^Pneumococcal polysaccharide PPV23^CVX|999||||||||||||00^Parental decision^NIP002"
                + "||RE\r";

        Message ack = send(vxu);

        assertThat(field(ack, "/MSA-1")).isEqualTo("AA");
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=GHH%7C" + mrn + "&minPosition=" + position).json()
                .at("/patients/0/masterPatientId").asText();
        JsonNode timeline = hub.get("/api/patients/" + patient + "/timeline?type=immunization&minPosition="
                + position).json();
        assertThat(timeline.path("entries")).as(timeline.toString()).extracting(e -> e.path("status").asText())
                .containsExactlyInAnyOrder("completed", "not-done");
        JsonNode gaps = hub.get("/api/patients/" + patient + "/care-gaps?asOf=2026-11-20&minPosition=" + position)
                .json();
        assertThat(gaps.path("gaps").isArray()).as("an evaluation: " + gaps).isTrue();
        assertThat(gaps.path("gaps").findValuesAsText("rule")).as(gaps.toString())
                .doesNotContain("influenza-immunization");
        JsonNode nextSeason = hub.get("/api/patients/" + patient + "/care-gaps?asOf=2027-11-20").json();
        assertThat(nextSeason.path("gaps").findParents("rule")).as("the given dose is the gap's evidence")
                .filteredOn(g -> g.path("rule").asText().equals("influenza-immunization")).singleElement()
                .satisfies(g -> assertThat(g.path("lastEvidence").asText()).startsWith("2026-10-15"));
        JsonNode observations = hub.get("/api/patients/" + patient + "/timeline?type=observation&minPosition="
                + position).json();
        assertThat(observations.path("entries")).as("the funding eligibility, under its vaccine").hasSize(1);
        JsonNode immunizations = hub.get("/fhir/Immunization?patient=" + patient + "&minPosition=" + position)
                .json();
        JsonNode given = immunizations.findParents("resourceType").stream()
                .filter(r -> r.path("lotNumber").asText().equals("LOT-77")).findFirst().orElseThrow();
        assertThat(given.at("/doseQuantity/value").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(given.at("/doseQuantity/code").asText()).isEqualTo("mL");
        assertThat(given.at("/route/coding/0/code").asText()).isEqualTo("C28161");
        assertThat(given.at("/route/coding/0/system").asText()).as("NCIT as FHIR names it")
                .isEqualTo("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl");
        assertThat(given.at("/manufacturer/identifier/system").asText()).isEqualTo("http://hl7.org/fhir/sid/mvx");
        assertThat(given.at("/site/coding/0/code").asText()).isEqualTo("LD");
        assertThat(given.at("/manufacturer/identifier/value").asText()).isEqualTo("SKB");
        assertThat(given.at("/manufacturer/display").asText()).isEqualTo("GlaxoSmithKline");
        assertThat(given.path("primarySource").asBoolean(false)).as("RXA-9 00: a new record").isTrue();
        assertThat(given.path("expirationDate").asText()).isEqualTo("2027-12-31");
        JsonNode refused = immunizations.findParents("resourceType").stream()
                .filter(r -> r.path("status").asText().equals("not-done")).findFirst().orElseThrow();
        assertThat(refused.at("/statusReason/coding/0/code").asText()).isEqualTo("00");
        assertThat(refused.at("/statusReason/text").asText()).isEqualTo("Parental decision");
        assertThat(refused.has("doseQuantity")).as("999: the amount is not known").isFalse();
    }

    @Test
    void a_dose_its_sender_deletes_later_reads_as_entered_in_error_and_no_longer_closes_the_influenza_gap()
            throws Exception {
        String person = TestPeople.family();
        String header = "MSH|^~\\&|EHR|GHH|HIEHUB|HIE|20261120090000||VXU^V04^VXU_V04|%s|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GHH^MR||" + person + "^Vera^V||19700304|F\r";
        String dose = "ORC|RE||IZ-9-" + run + "\r"
                + "RXA|0|1|20261015||141^Influenza, seasonal, injectable^CVX|0.5|mL^mL^UCUM||00^New Record^NIP001"
                + "||||||LOT-9|||||CP|%s\r";
        assertThat(field(send(header.formatted("DOSE-" + run) + dose.formatted("A")), "/MSA-1")).isEqualTo("AA");

        Message deleted = send(header.formatted("DEL-" + run) + dose.formatted("D"));

        assertThat(field(deleted, "/MSA-1")).isEqualTo("AA");
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=GHH%7C" + mrn + "&minPosition=" + position).json()
                .at("/patients/0/masterPatientId").asText();
        JsonNode immunizations = hub.get("/fhir/Immunization?patient=" + patient + "&minPosition=" + position)
                .json();
        assertThat(immunizations.findParents("resourceType")).as(immunizations.toString())
                .filteredOn(r -> r.path("resourceType").asText().equals("Immunization"))
                .extracting(r -> r.path("status").asText())
                .as("the dose, and the deletion that names it by ORC-3").containsExactly("entered-in-error",
                        "entered-in-error");
        JsonNode gaps = hub.get("/api/patients/" + patient + "/care-gaps?asOf=2026-11-20&minPosition=" + position)
                .json();
        assertThat(gaps.path("gaps").isArray()).as("an evaluation: " + gaps).isTrue();
        assertThat(gaps.path("gaps").findValuesAsText("rule")).as("a deleted dose is no vaccination")
                .contains("influenza-immunization");
        JsonNode timeline = hub.get("/api/patients/" + patient + "/timeline?minPosition=" + position).json();
        assertThat(timeline.path("entries").findParents("type")).filteredOn(e -> e.path("type").asText()
                .equals("immunization")).extracting(e -> e.path("status").asText()).as("the timeline says so too")
                .containsExactly("entered-in-error", "entered-in-error");
        JsonNode everything = hub.get("/fhir/Patient/" + patient + "/$everything?minPosition=" + position).json();
        assertThat(everything.findParents("resourceType")).filteredOn(r -> r.path("resourceType").asText()
                .equals("Immunization")).extracting(r -> r.path("status").asText())
                .containsExactly("entered-in-error", "entered-in-error");
    }

    @Test
    void transfers_and_cancelled_admissions_and_discharges_are_applied_and_the_patient_restated() throws Exception {
        String family = TestPeople.family();
        java.util.function.UnaryOperator<String> moved = er7 -> tess(er7, family)
                .replace("41 Elm Street^^Greensboro", "9 New Road^^Durham"); // every PID after the transfer
        Message admit = send(tess(adt("A01", "ADM-" + run, "19800131"), family));
        Message transfer = send(moved.apply(adt("A02", "TRF-" + run, "19800131")));
        Message cancel = send(moved.apply(adt("A11", "CNL-" + run, "19800131")));
        String second = "W-" + run;
        Message readmit = send(moved.apply(adt("A01", "ADM2-" + run, "19800131")).replace("V-" + run, second));
        Message icu = send(moved.apply(adt("A02", "ICU-" + run, "19800131")).replace("V-" + run, second)
                .replace("|2000^2012^01^GHH||||", "|ICU^7^1^GHH|||2000^2012^01^GHH|")); // PV1-3 now, PV1-6 before
        Message discharge = send(moved.apply(adt("A03", "DIS-" + run, "19800131")).replace("V-" + run, second)
                .replace("ADT_A01", "ADT_A03"));
        Message undo = send(moved.apply(adt("A13", "UND-" + run, "19800131")).replace("V-" + run, second));
        Message unnamed = send(moved.apply(adt("A11", "CNL2-" + run, "19800131")).replace("V-" + run, ""));

        assertThat(List.of(admit, transfer, cancel, readmit, icu, discharge, undo)).extracting(m -> field(m, "/MSA-1"))
                .containsOnly("AA");
        assertThat(field(unnamed, "/MSA-1")).isEqualTo("AE");
        assertThat(field(unnamed, "/ERR-2-1")).isEqualTo("PV1");
        assertThat(field(unnamed, "/ERR-2-3")).isEqualTo("19");
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=GHH%7C" + mrn + "&minPosition=" + position).json()
                .at("/patients/0/masterPatientId").asText();
        JsonNode summary = hub.get("/api/patients/" + patient + "?minPosition=" + position).json();
        assertThat(summary.at("/golden/address/value/city").asText()).as("the transfer's PID is the sender's latest "
                + "word: " + summary).isEqualTo("Durham");
        assertThat(summary.at("/clinical/encounters")).as("the cancelled visit is not one the patient had")
                .extracting(e -> e.path("encounterId").asText() + ":" + e.path("end").isNull() + ":"
                        + e.path("location").asText()).containsExactly(second + ":true:ICU^7^1^GHH");
        JsonNode encounters = hub.get("/fhir/Encounter?patient=" + patient + "&minPosition=" + position).json();
        assertThat(encounters.path("entry")).as(encounters.toString()).extracting(e -> e.at("/resource/status")
                .asText() + ":" + e.at("/resource/period/end").isMissingNode() + ":"
                + e.at("/resource/location/0/location/display").asText())
                .containsExactlyInAnyOrder("cancelled:true:2000^2012^01^GHH", "in-progress:true:ICU^7^1^GHH");
        JsonNode alerts = hub.get("/api/patients/" + patient + "/alerts?minPosition=" + position).json();
        assertThat(alerts.toString()).contains("admission-cancelled");
        JsonNode timeline = hub.get("/api/patients/" + patient + "/timeline?minPosition=" + position).json();
        assertThat(timeline.path("entries")).extracting(e -> e.path("type").asText())
                .contains("encounter-cancelled", "discharge-cancelled", "encounter-end", "encounter-transfer");
    }

    @Test
    void a_readable_message_with_an_impossible_birth_date_gets_an_ae_naming_pid_7_and_a_dead_letter()
            throws Exception {
        Message ack = send(adt("A01", "BAD-" + run, "20230231"));

        assertThat(field(ack, "/MSA-1")).isEqualTo("AE");
        assertThat(field(ack, "/ERR-2-1")).isEqualTo("PID");
        assertThat(field(ack, "/ERR-2-3")).isEqualTo("7");
        assertThat(field(ack, "/ERR-3-1")).isEqualTo("102");
        JsonNode letters = hub.get("/api/dead-letters?limit=500").json();
        assertThat(letters.path("items")).anySatisfy(item -> {
            assertThat(item.path("location").asText()).isEqualTo("PID-7");
            assertThat(item.path("channel").asText()).isEqualTo("mllp");
            assertThat(item.path("reason").asText()).doesNotContain("20230231");
        });
    }

    @Test
    void a_body_temperature_of_400_f_among_plausible_results_is_stored_with_a_warning_to_the_sender()
            throws Exception {
        // a person of its own: the other tests' Everyman would gain a record and show it first in their summary
        String message = oru("HOT-" + run).replace("OBX|3|ST|8251-1^Comment^LN||Sample slightly hemolysed||||||F",
                "OBX|3|NM|8310-5^Body temperature^LN||400|[degF]^[degF]^UCUM|||||F")
                .replace("Everyman^Adam^A||19800131", TestPeople.family() + "^Hot^H||19750505");

        Message ack = send(message);

        assertThat(field(ack, "/MSA-1")).isEqualTo("AA");
        assertThat(field(ack, "/ERR-4")).isEqualTo("W");
        String err = ack.encode().lines().filter(segment -> segment.startsWith("ERR|")).findFirst().orElseThrow();
        assertThat(err).contains("data quality 85 (WARN)")
                .contains("observation 8310-5 outside the physiologically possible range").doesNotContain("400");
    }

    @Test
    void a_frame_hapi_cannot_read_gets_a_fallback_ar_with_its_control_id_and_is_kept_as_dead_letter()
            throws Exception {
        long lettersBefore = hub.get("/api/dead-letters").json().path("total").asLong();
        Path idFile = Path.of("id_file"); // where HAPI's default id generator keeps its counter
        Files.deleteIfExists(idFile);
        String broken = "MSH|^~|SENDER|GHH|HIEHUB|HIE|20261122120000||ADT^A01|BRK-" + run + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GHH^MR||Everyman^Adam\r";

        String ack = sendRaw(broken);

        assertThat(ack).contains("MSA|AR|BRK-" + run).contains("ERR|");
        assertThat(idFile).as("a file HAPI writes into the working directory").doesNotExist();
        assertThat(hub.get("/api/dead-letters").json().path("total").asLong()).isEqualTo(lettersBefore + 1);
    }

    @Test
    void a_copy_with_a_new_message_time_is_a_resend_but_another_message_under_a_used_control_id_is_refused_and_kept()
            throws Exception {
        long before = observations();
        String result = stranger(oru("LAB-" + run));
        Message first = send(result);
        Message restamped = send(result.replace("|20261122130000||ORU", "|20261122131500||ORU"));
        Message other = send(result.replace("||0.9|mg/dL", "||1.4|mg/dL"));

        assertThat(field(first, "/MSA-1")).isEqualTo("AA");
        assertThat(field(restamped, "/MSA-1")).isEqualTo("AA");
        assertThat(field(other, "/MSA-1")).isEqualTo("AR");
        assertThat(field(other, "/MSA-2")).isEqualTo("LAB-" + run);
        assertThat(field(other, "/ERR-2-1")).isEqualTo("MSH");
        assertThat(field(other, "/ERR-2-3")).isEqualTo("10");
        assertThat(field(other, "/ERR-3-1")).isEqualTo("205");
        assertThat(observations()).isEqualTo(before + 3);
        JsonNode letters = hub.get("/api/dead-letters?limit=500").json();
        assertThat(letters.path("items")).anySatisfy(item -> {
            assertThat(item.path("location").asText()).isEqualTo("MSH-10");
            assertThat(item.path("errorCode").asInt()).isEqualTo(205);
            assertThat(item.path("reason").asText()).contains("already used this message control id");
        });
    }

    @Test
    void a_frame_with_a_utf8_byte_order_mark_is_stored_and_acknowledged_with_its_own_header() throws Exception {
        String ack = sendRaw("\u00ef\u00bb\u00bf" + stranger(adt("A04", "BOM-" + run, "19800131")));

        assertThat(ack).contains("MSA|AA|BOM-" + run).startsWith("MSH|^~\\&|HIEHUB|HIE|ADT1|GHH|");
    }

    @Test
    void a_v2_8_message_with_the_truncation_character_in_msh_2_is_acknowledged() throws Exception {
        String message = stranger(adt("A04", "TRUNC-" + run, "19800131")).replaceFirst("^MSH\\|\\^~\\\\&\\|",
                "MSH|^~\\\\&#|").replace("|P|2.5.1", "|P|2.8");
        assertThat(message).startsWith("MSH|^~\\&#|");

        // before: stored, then HAPI failed to encode the ACK (it copied the five characters) and sent nothing
        String ack = sendRaw(message);

        assertThat(ack).startsWith("MSH|^~\\&|HIEHUB|HIE|ADT1|GHH|").contains("MSA|AA|TRUNC-" + run);
    }

    @Test
    void a_message_over_the_size_limit_is_answered_with_an_error_ack_and_its_head_kept_as_a_dead_letter()
            throws Exception {
        String huge = stranger(oru("HUGE-" + run)).replace("Sample slightly hemolysed", "x".repeat(6_000_000));

        String ack = sendRaw(huge);

        // before: the listener closed the connection mid-frame; no answer (the sender resends for ever), no record
        assertThat(ack).contains("MSA|AE|HUGE-" + run).contains("ERR|");
        JsonNode letters = hub.get("/api/dead-letters?limit=500").json();
        assertThat(letters.path("items")).anySatisfy(item -> {
            assertThat(item.path("reason").asText()).startsWith("message exceeds the limit of 4194304 bytes");
            assertThat(item.path("channel").asText()).isEqualTo("mllp");
        });
        assertThat(field(send(stranger(adt("A04", "NEXT-" + run, "19800131"))), "/MSA-1")).isEqualTo("AA");
    }

    @Test
    void frames_sent_without_waiting_for_acks_are_stored_and_acknowledged_in_the_order_sent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            for (int i = 1; i <= 20; i++) { // one admission, then nineteen corrections of the name, all at once
                String trigger = i == 1 ? "A01" : "A08";
                String message = stranger(adt(trigger, "SEQ-" + run + "-" + i, "19800131"))
                        .replace("Otherwise^Olga^O", "Sequence" + (char) ('A' + i) + "^Olga^O");
                out.write(("\u000b" + message + "\u001c\r").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            for (int i = 1; i <= 20; i++) {
                ByteArrayOutputStream ack = new ByteArrayOutputStream();
                for (int b = in.read(); b >= 0 && b != 0x1c; b = in.read()) {
                    if (b != 0x0b && b != '\r' || ack.size() > 0) {
                        ack.write(b);
                    }
                }
                assertThat(ack.toString(StandardCharsets.ISO_8859_1)).contains("MSA|AA|SEQ-" + run + "-" + i + "\r");
            }
        }
        long position = positions.head();
        String patient = hub.get("/api/patients?identifier=GHH%7C" + mrn + "&minPosition=" + position).json()
                .at("/patients/0/masterPatientId").asText();
        assertThat(hub.get("/api/patients/" + patient + "?minPosition=" + position).json()
                .at("/golden/name/value/family").asText()).isEqualTo("Sequence" + (char) ('A' + 20));
    }

    @Test
    void an_acknowledgement_nobody_asked_for_is_answered_ar_and_kept_instead_of_dropped_unanswered()
            throws Exception {
        long lettersBefore = hub.get("/api/dead-letters").json().path("total").asLong();

        String ack = sendRaw("MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ACK^A01^ACK|ACK-" + run + "|P|2.5.1\r"
                + "MSA|AA|SOMETHING-" + run + "\r");

        assertThat(ack).contains("MSA|AR|ACK-" + run).contains("ERR|");
        assertThat(hub.get("/api/dead-letters").json().path("total").asLong()).isEqualTo(lettersBefore + 1);
    }

    /** Someone who shares nothing with the other tests' people: the MPI links none of theirs to her. */
    static String tess(String er7, String family) {
        return er7.replace("Everyman^Adam^A||19800131|M", family + "^Tess^T||19550909|F")
                .replace("2222 Home Street^^Greensboro", "41 Elm Street^^Greensboro").replace("5552004", "5559876");
    }

    /** Someone else than the other tests' Adam Everyman, whom the MPI would link to theirs. */
    static String stranger(String er7) {
        return er7.replace("Everyman^Adam^A||19800131", "Otherwise^Olga^O||19620707");
    }

    Message send(String er7) throws Exception {
        return initiator.sendAndReceive(client.getPipeParser().parse(er7));
    }

    /** Through a plain socket: HAPI's client cannot send what HAPI cannot parse. */
    String sendRaw(String er7) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("\u000b" + er7 + "\u001c\r").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != 0x1c; b = in.read()) {
                if (b != 0x0b) {
                    out.write(b);
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    long observations() {
        Long n = jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ?", Long.class,
                OBSERVATION);
        return n == null ? 0 : n;
    }

    static String field(Message message, String path) throws Exception {
        return new Terser(message).get(path);
    }

    String adt(String trigger, String controlId, String birthDate) {
        return "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^" + trigger + "^ADT_A01|" + controlId + "|P|2.5.1\r"
                + "EVN|" + trigger + "|20261122120000\r"
                + "PID|1||" + mrn + "^^^GHH^MR||Everyman^Adam^A||" + birthDate + "|M|||"
                + "2222 Home Street^^Greensboro^NC^27401^USA^H||^PRN^PH^^1^555^5552004\r"
                + pv1() + "\r";
    }

    String pv1() {
        String[] fields = new String[45];
        java.util.Arrays.fill(fields, "");
        fields[0] = "PV1";
        fields[1] = "1";
        fields[2] = "I";
        fields[3] = "2000^2012^01^GHH";
        fields[19] = "V-" + run;
        fields[44] = "20261122113000";
        return String.join("|", fields);
    }

    String oru(String controlId) {
        return "MSH|^~\\&|LAB|GHH|HIEHUB|HIE|20261122130000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GHH^MR||Everyman^Adam^A||19800131|M|||"
                + "2222 Home Street^^Greensboro^NC^27401^USA^H\r"
                + "OBR|1|PLC-" + run + "|FIL-" + run + "|24323-8^Metabolic panel^LN|||20261122080000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||>400|mg/dL^mg/dL^UCUM|70-99|HH|||F|||20261122081500\r"
                + "NTE|1||Critical value called to ward\r"
                + "OBX|2|NM|2160-0^Creatinine^LN||0.9|mg/dL^mg/dL^UCUM|0.6-1.3|N|||F|||20261122081500\r"
                + "OBX|3|ST|8251-1^Comment^LN||Sample slightly hemolysed||||||F|||20261122081500\r";
    }
}
