package org.hiehub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hiehub.command.identity.registration.PatientRegistration;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A result's PID only identifies the patient and usually carries less than the ADT did (no address, no middle
 * name). Such a PID is no demographics update: it neither writes an event nor strips what the ADT stated. A
 * result that does state something new, and an ADT that states less, still update the record.
 */
@HubIntegrationTest
class ResultDemographicsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PatientRegistration registration;
    HubClient hub;
    String mrn;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        mrn = "RD-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_result_whose_pid_states_nothing_new_writes_no_demographics_update() {
        send(adt("A1", "Quillfeather^Orla^May", "4 Elm Row^^Dayton^OH^45402^USA^H", "A31"));

        send(oru("R1", "Quillfeather^Orla", ""));
        send(oru("R2", "Quillfeather^Orla^May", ""));

        assertThat(demographicsUpdates()).isZero();
        assertThat(observations()).isEqualTo(2);
    }

    @Test
    void a_result_that_states_something_new_still_updates_the_record() {
        send(adt("A1", "Brightwater^Cael", "9 Oak Lane^^Akron^OH^44308^USA^H", "A31"));

        send(oru("R1", "Brightwater^Cael", "^PRN^PH^^1^330^5550123"));

        assertThat(demographicsUpdates()).isEqualTo(1);
    }

    @Test
    void an_adt_states_the_demographics_whole_so_one_that_states_less_is_an_update() {
        send(adt("A1", "Fernsby^Ilse^Marta", "1 Pine Court^^Toledo^OH^43604^USA^H", "A31"));
        send(adt("A2", "Fernsby^Ilse^Marta", "1 Pine Court^^Toledo^OH^43604^USA^H", "A08"));
        assertThat(demographicsUpdates()).as("the same statement again").isZero();

        send(adt("A3", "Fernsby^Ilse", "", "A08"));

        assertThat(demographicsUpdates()).isEqualTo(1);
    }

    private void send(String message) {
        HubClient.Response response = hub.post("/ingest/hl7v2", "x-application/hl7-v2+er7",
                message.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("MSA|AA|");
    }

    private int demographicsUpdates() {
        return count("org.hiehub.api.identity.DemographicsUpdated");
    }

    private int observations() {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry e
                 where e.payload_type = 'org.hiehub.api.clinical.ObservationRecorded'
                   and convert_from(e.payload, 'UTF8') like ?""", Integer.class,
                "%" + registration.sourceRecordId("GHH", mrn).value() + "%");
    }

    private int count(String payloadType) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ? "
                + "and aggregate_identifier = ?", Integer.class, payloadType,
                registration.sourceRecordId("GHH", mrn).value());
    }

    private String adt(String control, String name, String address, String event) {
        return "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^" + event + "^ADT_A01|" + mrn + control
                + "|P|2.5.1\r"
                + "EVN|" + event + "|20261122120000\r"
                + "PID|1||" + mrn + "^^^GHH^MR||" + name + "||19750412|F|||" + address + "\r";
    }

    private String oru(String control, String name, String phone) {
        return "MSH|^~\\&|LAB|GHH|HIEHUB|HIE|20261122130000||ORU^R01^ORU_R01|" + mrn + control + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GHH^MR||" + name + "||19750412|F|||||" + phone + "\r"
                + "OBR|1|P" + control + "|F" + control + "|24323-8^Metabolic panel^LN|||20261122130000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||91|mg/dL^mg/dL^UCUM|70-99||||F|||20261122130000\r";
    }
}
