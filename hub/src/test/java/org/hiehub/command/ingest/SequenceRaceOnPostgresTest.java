package org.hiehub.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two writers appending the same sequence numbers of one stream: the loser's append fails in a way ingestion
 * recognises as a lost race (and retries), also now that a message's events reach PostgreSQL as one multi-row
 * INSERT. (In the hub module, in ingestion's package, because only the hub has the event store's schema.) Its two
 * events stay in the shared context's log, as every test's do (deleting them would break the hash chain): a
 * {@code RaceTest} stream of {@code MessageKey} payloads, which no handler, upcaster or export reads.
 */
@HubIntegrationTest
class SequenceRaceOnPostgresTest {

    @Autowired
    EventStorageEngine storage;

    @Test
    void a_second_batch_claiming_taken_sequence_numbers_is_a_lost_race() {
        String stream = "race-" + UUID.randomUUID();
        storage.appendEvents(List.of(event(stream, 0), event(stream, 1)));

        Throwable lost = catchThrowable(() -> storage.appendEvents(List.of(event(stream, 1), event(stream, 2))));

        assertThat(lost).isNotNull();
        assertThat(IngestionService.lostSequenceRace(lost)).as("%s", lost).isTrue();
        assertThat(storage.readEvents(stream).asStream().map(DomainEventMessage::getSequenceNumber))
                .as("nothing of the losing batch was written").containsExactly(0L, 1L);
    }

    private static DomainEventMessage<MessageKey> event(String stream, long sequence) {
        return new GenericDomainEventMessage<>("RaceTest", stream, sequence, new MessageKey("race-" + sequence));
    }
}
