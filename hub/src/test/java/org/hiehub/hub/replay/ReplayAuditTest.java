package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@code replay audit}: the access trail of one reader, as a table, CSV, NDJSON and FHIR AuditEvent. */
@HubIntegrationTest
class ReplayAuditTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void exports_who_read_which_patient_as_csv_ndjson_and_fhir_audit_events() {
        JsonNode registered = new HubClient(port).post("/api/source-records", """
                {"sourceSystem":"AUDIT_CLI","localId":"%s","demographics":{"names":[{"family":"%s","given":["Ola"]}],
                 "birthDate":"%s"}}""".formatted(UUID.randomUUID(), TestPeople.family(), TestPeople.birthDate())).json();
        String patient = registered.path("masterPatientId").asText();
        String user = "dr-cli-" + UUID.randomUUID().toString().substring(0, 6);
        HubClient clinician = new HubClient(port, TestTokens.as(user, HubRole.CLINICIAN));
        clinician.get("/api/patients/" + patient + "?minPosition=" + registered.path("position"));
        clinician.get("/api/patients/" + patient + "/timeline");

        ReplayCli.Result csv = ReplayCli.run(context, "audit", "--actor", user, "--format", "csv");
        assertThat(csv.exit()).as(csv.toString()).isZero();
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv.lines().get(1)).contains(user).contains(patient).contains("allowed");

        ReplayCli.Result ndjson = ReplayCli.run(context, "audit", "--patient", patient, "--format", "ndjson");
        assertThat(ndjson.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{").contains(user));

        ReplayCli.Result fhir = ReplayCli.run(context, "audit", "--actor", user, "--format", "fhir");
        assertThat(fhir.out()).contains("\"resourceType\":\"Bundle\"").contains("AuditEvent").contains("110110")
                .contains("Patient/" + patient);

        ReplayCli.Result table = ReplayCli.run(context, "audit", "--actor", user, "--from", "2000-01-01");
        assertThat(table.lines()).hasSize(3).first().asString().startsWith("SEQ");
        assertThat(ReplayCli.run(context, "audit", "--from", "yesterday").exit()).isEqualTo(2);
    }
}
