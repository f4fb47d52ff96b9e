package org.hiehub.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;

/** Which failures of a message's transaction are worth one more try: only lost races on an event sequence. */
class SequenceRaceTest {

    @Test
    void a_lost_race_on_an_aggregate_sequence_is_retried() {
        assertThat(IngestionService.lostSequenceRace(new IllegalStateException("command failed",
                new AggregateStreamCreationException("sequence 0 of sr-1 exists")))).isTrue();
        assertThat(IngestionService.lostSequenceRace(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isTrue();
    }

    @Test
    void other_failures_are_not() {
        assertThat(IngestionService.lostSequenceRace(new RuntimeException(
                new SQLException("connection refused", "08001")))).isFalse();
        assertThat(IngestionService.lostSequenceRace(new IllegalArgumentException("bad input"))).isFalse();
    }
}
