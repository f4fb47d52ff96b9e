package org.hiehub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.hub.HubProperties;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@HubIntegrationTest
class CryptoShreddingTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataKeys keys;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HubProperties hub;

    @Test
    void events_read_back_decrypted_until_the_subjects_key_is_destroyed_and_unreadable_after() {
        String mrn = "MRN-" + UUID.randomUUID();
        String record = new HubClient(port).post("/api/source-records", """
                {"sourceSystem":"HOSP_A","localId":"%s","demographics":{"names":[{"family":"Erasable","given":["Eve"]}],
                 "birthDate":"1990-09-09"}}""".formatted(mrn)).json().path("sourceRecordId").asText();

        SourceRecordRegistered before = registered(record);
        assertThat(before.localId()).isEqualTo(mrn);
        assertThat(before.demographics().names().get(0).family()).isEqualTo("Erasable");

        assertThat(keys.destroy(record)).isTrue();

        SourceRecordRegistered after = registered(record);
        assertThat(after.sourceRecordId().value()).isEqualTo(record);
        assertThat(after.sourceSystem()).isEqualTo("HOSP_A");
        assertThat(after.localId()).isNull();
        assertThat(after.demographics()).isNull();
        assertThat(keys.destroy(record)).as("a key is destroyed once").isFalse();
    }

    @Test
    void a_key_read_in_a_transaction_that_commits_after_the_erasure_does_not_come_back() {
        String record = new HubClient(port).post("/api/source-records", """
                {"sourceSystem":"HOSP_A","localId":"MRN-%s","demographics":{"names":[{"family":"Racing","given":["Rae"]}],
                 "birthDate":"1991-10-10"}}""".formatted(UUID.randomUUID())).json().path("sourceRecordId").asText();
        // a process whose cache has not seen this key yet: the read below goes to the database and caches at commit
        PersonalDataKeys reader = new PersonalDataKeys(jdbc, MasterKey.load(hub.privacy().masterKey(), hub.dataDir()),
                Duration.ofMinutes(5), Clock.systemUTC());

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(reader.existingKeyFor(record)).as("a projection reads the key").isPresent();
            // meanwhile, outside this transaction, the person is erased
            new TransactionTemplate(transactions, new DefaultTransactionDefinition(
                    TransactionDefinition.PROPAGATION_REQUIRES_NEW)).executeWithoutResult(s -> reader.destroy(record));
        }); // the reader's commit used to cache the key it had read

        assertThat(reader.existingKeyFor(record)).isEmpty();
    }

    private SourceRecordRegistered registered(String record) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(record).asStream().toList();
        return (SourceRecordRegistered) events.get(0).getPayload();
    }
}
