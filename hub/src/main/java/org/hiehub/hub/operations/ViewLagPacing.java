package org.hiehub.hub.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.hiehub.command.ingest.IngestionPacing;
import org.hiehub.command.ingest.IngestionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces ingestion by the lag of views of this process ({@link ViewLag}, {@code hub.ingest.pacing.views}): while the
 * slowest is further behind than {@code hub.ingest.pacing.view-lag}, each incoming message waits, up to
 * {@code hub.ingest.pacing.max-wait}. On two cores a burst over four MLLP connections took the CPU from the
 * projections and left the patient summary many seconds behind, growing for as long as the burst lasted; held back
 * this way, intake runs at the rate the views can follow. The lag is sampled at most every {@value #SAMPLE_MILLIS} ms
 * by whichever caller finds it stale (one head read for all processors), so an idle hub does no work for it.
 * <p>
 * {@code hub_ingest_paced_seconds} times the waits, tagged {@code outcome=caught-up} or {@code max-wait}; a wait is
 * logged at most once a minute, with how many messages waited since the last such line.
 */
public class ViewLagPacing implements IngestionPacing {

    static final long SAMPLE_MILLIS = 50;
    private static final long SAMPLE_NANOS = SAMPLE_MILLIS * 1_000_000;
    private static final long POLL_MILLIS = 10;
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ViewLagPacing.class);
    private final DoubleSupplier lagSeconds;
    private final LongSupplier nanoTime;
    private final double thresholdSeconds;
    private final long maxWaitNanos;
    private final Timer caughtUp;
    private final Timer maxWait;
    private volatile long sampledAt;
    private volatile double lastLag;
    private long loggedAt;
    private long heldSinceLogged;
    private boolean logged;

    public ViewLagPacing(DoubleSupplier lagSeconds, IngestionProperties.Pacing pacing, MeterRegistry meters,
                         LongSupplier nanoTime) {
        this.lagSeconds = lagSeconds;
        this.nanoTime = nanoTime;
        this.thresholdSeconds = pacing.viewLag().toNanos() / 1e9;
        this.maxWaitNanos = pacing.maxWait().toNanos();
        this.caughtUp = timer(meters, "caught-up");
        this.maxWait = timer(meters, "max-wait");
        this.sampledAt = nanoTime.getAsLong() - SAMPLE_NANOS;
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder("hub.ingest.paced")
                .description("time incoming messages waited for the projections to come within the allowed lag")
                .tag("outcome", outcome).register(meters);
    }

    @Override
    public void awaitViews() {
        if (thresholdSeconds <= 0 || !behind()) {
            return;
        }
        long started = nanoTime.getAsLong();
        note(started);
        while (behind()) {
            long waited = nanoTime.getAsLong() - started;
            if (waited >= maxWaitNanos) {
                maxWait.record(Duration.ofNanos(waited));
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        caughtUp.record(Duration.ofNanos(nanoTime.getAsLong() - started));
    }

    private boolean behind() {
        long now = nanoTime.getAsLong();
        if (now - sampledAt >= SAMPLE_NANOS) {
            synchronized (this) {
                if (now - sampledAt >= SAMPLE_NANOS) {
                    lastLag = lagSeconds.getAsDouble();
                    sampledAt = now;
                }
            }
        }
        return lastLag > thresholdSeconds;
    }

    private synchronized void note(long now) {
        heldSinceLogged++;
        if (!logged || now - loggedAt >= LOG_EVERY_NANOS) {
            log.info("Projections are {} s behind the event log; holding incoming messages back until they are within "
                    + "{} s (hub.ingest.pacing.view-lag), at most {} ms each; {} message(s) held back since the last "
                    + "such line", String.format("%.1f", lastLag), thresholdSeconds, maxWaitNanos / 1_000_000,
                    heldSinceLogged);
            logged = true;
            loggedAt = now;
            heldSinceLogged = 0;
        }
    }
}
