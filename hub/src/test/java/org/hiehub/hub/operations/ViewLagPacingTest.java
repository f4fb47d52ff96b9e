package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.hiehub.command.ingest.IngestionProperties;
import org.junit.jupiter.api.Test;

class ViewLagPacingTest {

    /** Each reading of the clock moves it 5 ms on, so waits pass in test time, not in real seconds. */
    private final AtomicLong clock = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger samples = new AtomicInteger();

    private ViewLagPacing pacing(DoubleSupplier lag, String viewLag, String maxWait) {
        DoubleSupplier counted = () -> {
            samples.incrementAndGet();
            return lag.getAsDouble();
        };
        return new ViewLagPacing(counted, new IngestionProperties.Pacing(Duration.parse(viewLag),
                Duration.parse(maxWait), java.util.List.of("patient-summary")), meters, () -> clock.addAndGet(5_000_000));
    }

    private Timer timer(String outcome) {
        return meters.get("hub.ingest.paced").tag("outcome", outcome).timer();
    }

    @Test
    void views_within_the_allowed_lag_let_messages_through_without_waiting() {
        ViewLagPacing pacing = pacing(() -> 0.4, "PT1S", "PT2S");

        for (int i = 0; i < 100; i++) {
            pacing.awaitViews();
        }

        assertThat(timer("caught-up").count()).isZero();
        assertThat(timer("max-wait").count()).isZero();
        assertThat(samples.get()).as("sampled at most every 50 ms of clock, not per message").isBetween(1, 20);
    }

    @Test
    void a_message_waits_while_the_views_are_behind_and_goes_on_once_they_caught_up() {
        AtomicInteger readings = new AtomicInteger();
        ViewLagPacing pacing = pacing(() -> readings.incrementAndGet() <= 3 ? 4.0 : 0.2, "PT1S", "PT10S");

        pacing.awaitViews();

        assertThat(timer("caught-up").count()).isEqualTo(1);
        assertThat(timer("caught-up").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("held for the samples that saw the lag (50 ms of clock apart)").isGreaterThanOrEqualTo(100);
        assertThat(timer("max-wait").count()).isZero();

        pacing.awaitViews();
        assertThat(timer("caught-up").count()).as("the next message does not wait").isEqualTo(1);
    }

    @Test
    void a_view_that_never_catches_up_holds_each_message_only_for_the_longest_wait() {
        ViewLagPacing pacing = pacing(() -> 30.0, "PT1S", "PT0.3S");

        pacing.awaitViews();
        pacing.awaitViews();

        assertThat(timer("max-wait").count()).isEqualTo(2);
        assertThat(timer("max-wait").max(java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(300.0, 400.0);
        assertThat(timer("caught-up").count()).isZero();
    }

    @Test
    void a_zero_lag_setting_turns_pacing_off() {
        ViewLagPacing pacing = pacing(() -> 30.0, "PT0S", "PT2S");

        pacing.awaitViews();

        assertThat(samples.get()).isZero();
        assertThat(timer("max-wait").count()).isZero();
    }
}
