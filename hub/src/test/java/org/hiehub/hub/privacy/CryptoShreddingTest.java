package org.hiehub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.hub.support.HubClient;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class CryptoShreddingTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataKeys keys;

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

    private SourceRecordRegistered registered(String record) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(record).asStream().toList();
        return (SourceRecordRegistered) events.get(0).getPayload();
    }
}
