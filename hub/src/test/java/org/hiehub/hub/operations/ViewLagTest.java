package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

class ViewLagTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong summaryPosition = new AtomicLong();
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor summary = mock(StreamingEventProcessor.class);
    private final EventTrackerStatus segment = mock(EventTrackerStatus.class);
    private final ViewLag lag = new ViewLag(processing, head::get, clock::get);

    ViewLagTest() {
        when(processing.eventProcessor("patient-summary", StreamingEventProcessor.class))
                .thenReturn(Optional.of(summary));
        when(summary.isRunning()).thenReturn(true);
        when(summary.processingStatus()).thenReturn(Map.of(0, segment));
        when(segment.getTrackingToken()).thenAnswer(i -> new GlobalSequenceTrackingToken(summaryPosition.get()));
    }

    private double at(double seconds, long headPosition, long viewPosition) {
        clock.set((long) (seconds * 1e9));
        head.set(headPosition);
        summaryPosition.set(viewPosition);
        return lag.liveSeconds(List.of("patient-summary"));
    }

    @Test
    void a_view_is_behind_by_the_time_since_the_oldest_head_it_has_not_handled_was_seen() {
        assertThat(at(0, 10, 10)).as("at the head").isZero();
        assertThat(at(1, 20, 10)).as("head 20 first seen now").isZero();
        assertThat(at(2.5, 30, 12)).as("has not handled head 20, seen at 1 s").isCloseTo(1.5, within(1e-9));
        assertThat(at(3, 30, 20)).as("has handled 20, not 30, seen at 2.5 s").isCloseTo(0.5, within(1e-9));
        assertThat(at(4, 30, 30)).as("caught up").isZero();
    }

    @Test
    void a_view_that_is_replaying_in_error_or_not_held_here_does_not_count() {
        at(0, 10, 0);
        when(summary.isReplaying()).thenReturn(true);
        assertThat(at(5, 10, 0)).isZero();
        when(summary.isReplaying()).thenReturn(false);
        when(segment.isErrorState()).thenReturn(true);
        assertThat(at(6, 10, 0)).isZero();
        when(segment.isErrorState()).thenReturn(false);
        when(summary.processingStatus()).thenReturn(Map.of());
        assertThat(at(7, 10, 0)).as("another process holds its segments").isZero();
        when(summary.processingStatus()).thenReturn(Map.of(0, segment));
        assertThat(at(8, 10, 0)).as("counted again: behind since head 10 was first seen").isCloseTo(8, within(1e-9));
    }

    @Test
    void the_gauge_reads_the_samples_taken_so_far_for_any_processor_even_one_replaying() {
        at(0, 10, 10);
        at(1, 25, 10);
        when(summary.isReplaying()).thenReturn(true);
        clock.set(3_000_000_000L);
        assertThat(lag.seconds(summary)).as("behind since head 25 was seen at 1 s").isCloseTo(2, within(1e-9));
        summaryPosition.set(25);
        assertThat(lag.seconds(summary)).isZero();
    }
}
