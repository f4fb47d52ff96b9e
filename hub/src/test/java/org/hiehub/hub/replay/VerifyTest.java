package org.hiehub.hub.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.hiehub.replay.integrity.ChainVerification;
import org.hiehub.replay.integrity.EventHashChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Its own hub context (and database): other tests rewrite stored events on purpose (the upcasting test stores an
 * old revision), which this chain would rightly report. Closed after the class, so its connections do not stay
 * open beside the shared context's for the rest of the run.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.test.context=verify")
@DirtiesContext
class VerifyTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    EventHashChain chain;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_untouched_log_verifies_clean_and_a_payload_altered_in_the_database_breaks_it_at_its_position() {
        ReplayScenario patient = new ReplayScenario(new HubClient(port));
        patient.registerAtHospital("Ann");
        patient.registerAtLab("Ann");
        patient.updateAtHospital("Annabel");
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> chain.verify().headIndex() >= head);

        ReplayCli.Result clean = ReplayCli.run(context, "verify");
        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(clean.out()).startsWith("intact:");

        long tampered = jdbc.queryForObject("select min(global_index) from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%DemographicsUpdated'", Long.class,
                patient.hospitalRecord);
        // one added space: still valid JSON, so the hub keeps reading it, but no longer the bytes that were chained
        jdbc.update("update domain_event_entry set payload = payload || '\\x20'::bytea where global_index = ?",
                tampered);
        try {
            ReplayCli.Result broken = ReplayCli.run(context, "verify");
            assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
            assertThat(broken.out()).startsWith("BROKEN at position " + tampered + ":");
            ChainVerification report = chain.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.breakAt()).isEqualTo(tampered);
            assertThat(new HubClient(port).get("/api/admin/replay/verify").json().path("breakAt").asLong())
                    .isEqualTo(tampered);
        } finally {
            jdbc.update("update domain_event_entry set payload = substring(payload from 1 for length(payload) - 1) "
                    + "where global_index = ?", tampered);
        }
        assertThat(ReplayCli.run(context, "verify").exit()).isZero();
    }

    @Test
    void a_removed_event_breaks_the_chain_where_it_was() {
        ReplayScenario patient = new ReplayScenario(new HubClient(port));
        patient.registerAtHospital("Ann");
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> chain.verify().headIndex() >= head);
        var row = jdbc.queryForMap("select * from domain_event_entry where global_index = ?", head);

        jdbc.update("delete from domain_event_entry where global_index = ?", head);
        try {
            ChainVerification report = chain.verify();
            assertThat(report.breakAt()).isEqualTo(head);
            assertThat(report.reason()).contains("no longer stored");
        } finally {
            jdbc.update("insert into domain_event_entry (global_index, event_identifier, meta_data, payload, "
                    + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("global_index"), row.get("event_identifier"),
                    row.get("meta_data"), row.get("payload"), row.get("payload_revision"), row.get("payload_type"),
                    row.get("time_stamp"), row.get("aggregate_identifier"), row.get("sequence_number"),
                    row.get("type"));
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void the_chain_cannot_be_rebuilt_from_the_log_and_keeps_recording_when_asked_to() {
        HubClient hub = new HubClient(port);
        assertThat(hub.post("/api/admin/projections/event-chain/rebuild?mode=in-place", "{}").status())
                .isEqualTo(409);

        ReplayScenario patient = new ReplayScenario(hub);
        patient.registerAtHospital("Ann");
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> chain.verify().headIndex() >= head);
        assertThat(chain.verify().intact()).isTrue();
    }
}
