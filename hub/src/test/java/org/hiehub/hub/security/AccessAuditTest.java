package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.hub.support.TestPeople;
import org.hiehub.hub.support.TestTokens;
import org.hiehub.query.audit.AccessAuditLog;
import org.hiehub.query.audit.AuditEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** One audit record per read of patient data, refused reads included; append-only and tamper-evident. */
@HubIntegrationTest
class AccessAuditTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccessAuditLog hubLog;

    @Test
    void every_read_of_patient_data_writes_exactly_one_audit_record_saying_what_it_returned() {
        String family = TestPeople.family();
        JsonNode registered = register(family, "Ida");
        String patient = registered.path("masterPatientId").asText();
        String user = "dr-" + UUID.randomUUID().toString().substring(0, 8);
        HubClient clinician = new HubClient(port, TestTokens.as(user, HubRole.CLINICIAN));

        assertThat(clinician.get("/api/patients/" + patient + "?minPosition=" + registered.path("position")).status())
                .isEqualTo(200);
        assertThat(clinician.get("/api/patients/" + patient + "/timeline").status()).isEqualTo(200);
        assertThat(clinician.get("/fhir/Patient/" + patient).status()).isEqualTo(200);
        assertThat(clinician.get("/api/patients?name=" + family).status()).isEqualTo(200);
        HubClient steward = new HubClient(port, TestTokens.as(user, HubRole.STEWARD));
        assertThat(steward.get("/api/patients/" + patient).status()).isEqualTo(403);

        HubClient auditor = new HubClient(port, TestTokens.as("aud", HubRole.AUDITOR));
        JsonNode entries = auditor.get("/api/audit?actor=" + user).json().path("entries");
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).path("action").asText()).isEqualTo("GET /api/patients/" + patient + "?minPosition");
        assertThat(entries.get(0).path("patients").asText()).isEqualTo(patient);
        assertThat(entries.get(0).path("returned").asText()).contains("\"PatientSummary\":1");
        assertThat(entries.get(0).path("outcome").asText()).isEqualTo("allowed");
        assertThat(entries.get(0).path("purpose").asText()).isEqualTo("treatment");
        assertThat(entries.get(1).path("returned").asText()).contains("TimelineEntry");
        assertThat(entries.get(2).path("returned").asText()).contains("\"Patient\":1");
        assertThat(entries.get(3).path("action").asText()).as("search values are PHI; only names are kept")
                .isEqualTo("GET /api/patients?name").doesNotContain(family);
        assertThat(entries.get(3).path("patients").asText()).contains(patient);
        assertThat(entries.get(4).path("outcome").asText()).isEqualTo("denied");
        assertThat(entries.get(4).path("httpStatus").asInt()).isEqualTo(403);
        assertThat(entries.get(4).path("roles").asText()).isEqualTo("steward");

        String csv = auditor.get("/api/audit?format=csv&actor=" + user).body();
        assertThat(csv.lines()).hasSize(6).first().asString().startsWith("seq,at,actor");
        assertThat(auditor.get("/api/audit?format=ndjson&actor=" + user).body().lines()).hasSize(5);
        assertThat(clinician.get("/api/audit").status()).as("clinicians do not read the audit").isEqualTo(403);
    }

    @Test
    void a_read_whose_audit_entry_cannot_be_written_returns_503_and_none_of_the_data() {
        String family = TestPeople.family();
        JsonNode registered = register(family, "Una");
        String patient = registered.path("masterPatientId").asText();
        String user = "dr-unaudited-" + UUID.randomUUID().toString().substring(0, 8);
        HubClient clinician = new HubClient(port, TestTokens.as(user, HubRole.CLINICIAN));
        // the audit table refuses this reader's entries, as a failed database would refuse everyone's
        jdbc.execute("alter table access_audit add constraint refuse_test_reader check (actor <> '" + user + "')");
        HubClient.Response summary;
        HubClient.Response fhir;
        try {
            summary = clinician.get("/api/patients/" + patient + "?minPosition=" + registered.path("position"));
            fhir = clinician.get("/fhir/Patient/" + patient);
        } finally {
            jdbc.execute("alter table access_audit drop constraint refuse_test_reader");
        }

        assertThat(summary.status()).isEqualTo(503); // the summary went out before, and the failure was only logged
        assertThat(summary.header("Content-Type")).startsWith("application/problem+json");
        assertThat(summary.body()).doesNotContain(family).doesNotContain("\"golden\"");
        assertThat(fhir.status()).isEqualTo(503);
        assertThat(fhir.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(fhir.body()).doesNotContain(family);
        assertThat(clinician.get("/api/patients/" + patient).status()).as("audited again: answered").isEqualTo(200);
    }

    /** A new person registered by a hospital; the answer names the master patient and the write's position. */
    private JsonNode register(String family, String given) {
        return new HubClient(port).post("/api/source-records", """
                {"sourceSystem":"AUDIT_HOSP","localId":"%s","demographics":{"names":[{"family":"%s","given":["%s"]}],
                 "birthDate":"%s"}}""".formatted(UUID.randomUUID(), family, given, TestPeople.birthDate())).json();
    }

    @Test
    void a_request_with_a_path_of_thousands_of_characters_is_audited_with_its_action_shortened() {
        String user = "dr-long-" + UUID.randomUUID().toString().substring(0, 8);
        HubClient clinician = new HubClient(port, TestTokens.as(user, HubRole.CLINICIAN));

        assertThat(clinician.get("/fhir/Patient/" + "x".repeat(3_000)).status()).isEqualTo(404);

        JsonNode entries = new HubClient(port, TestTokens.as("aud", HubRole.AUDITOR)).get("/api/audit?actor=" + user)
                .json().path("entries");
        assertThat(entries).hasSize(1); // the insert failed on the 1,100-character column before
        assertThat(entries.get(0).path("action").asText()).startsWith("GET /fhir/Patient/xxx")
                .endsWith("… (3018 characters)").hasSizeLessThanOrEqualTo(1_100);
    }

    @Test
    void the_audit_refuses_changes_and_its_hash_chain_finds_an_edit_made_behind_the_triggers() {
        HubClient clinician = new HubClient(port, TestTokens.as("dr-chain", HubRole.CLINICIAN));
        clinician.get("/api/patients/no-such-patient");
        HubClient auditor = new HubClient(port, TestTokens.as("aud", HubRole.AUDITOR));
        assertThat(auditor.get("/api/audit/verify").json().path("intact").asBoolean()).isTrue();
        long seq = jdbc.queryForObject("select max(seq) from access_audit where actor = 'dr-chain'", Long.class);

        assertThatThrownBy(() -> jdbc.update("update access_audit set actor = 'someone-else' where seq = ?", seq))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from access_audit where seq = ?", seq))
                .hasMessageContaining("append-only");

        // a database owner can switch the trigger off; the chain still gives the edit away
        jdbc.execute("alter table access_audit disable trigger access_audit_no_change");
        try {
            jdbc.update("update access_audit set actor = 'someone-else' where seq = ?", seq);
        } finally {
            jdbc.execute("alter table access_audit enable trigger access_audit_no_change");
        }
        JsonNode verification = auditor.get("/api/audit/verify").json();
        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBroken").asLong()).isEqualTo(seq);
    }

    @Test
    void two_processes_appending_at_once_keep_one_chain_each_entry_linked_to_the_one_committed_before_it()
            throws Exception {
        // the hub's own log, and a second one as another process sharing the database would have
        AccessAuditLog[] processes = {hubLog, new AccessAuditLog(jdbc)};
        long before = jdbc.queryForObject("select coalesce(max(seq), 0) from access_audit", Long.class);
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Future<?>> appended = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            AccessAuditLog log = processes[i % 3 == 0 ? 1 : 0];
            String actor = "dr-two-" + i;
            appended.add(readers.submit(() -> log.append(new AuditEntry(0, Instant.now(), actor, "CLINICIAN", null,
                    "TREATMENT", "GET /api/patients/x", "x", "allowed", 200, "{}", null))));
        }
        for (Future<?> answer : appended) {
            answer.get(60, TimeUnit.SECONDS);
        }
        readers.shutdown();

        Integer written = jdbc.queryForObject("select count(*) from access_audit where seq > ? and actor like 'dr-two-%'",
                Integer.class, before);
        assertThat(written).isEqualTo(400);
        Integer unlinked = jdbc.queryForObject("""
                select count(*) from (select prev_hash, lag(hash) over (order by seq) as previous, seq
                                      from access_audit where seq >= ?) chain
                where seq > ? and prev_hash is distinct from previous""", Integer.class, before, before);
        assertThat(unlinked).as("entries not chained to the entry before them").isZero();
        assertThat(jdbc.queryForObject("select count(*) - count(distinct hash) from access_audit where seq > ?",
                Integer.class, before)).as("hashes repeated").isZero();
    }
}
