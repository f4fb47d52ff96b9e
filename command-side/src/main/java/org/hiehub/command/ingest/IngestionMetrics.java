package org.hiehub.command.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Ingest rate and latency for Prometheus: {@code hub_ingest_messages_total} and {@code hub_ingest_duration_seconds}
 * by format, channel and outcome (accepted, duplicate, rejected), and facts stored. Tags never carry personal
 * data; the sending system is deliberately not a tag (unbounded cardinality) — per-source figures are in the
 * quality views.
 */
@Component
public class IngestionMetrics {

    private final MeterRegistry registry;

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(InboundMessage message, IngestOutcome outcome, Duration took) {
        String status = outcome.status().name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("hub.ingest.messages").description("inbound messages by outcome")
                .tag("format", message.format().name()).tag("channel", message.channel()).tag("outcome", status)
                .register(registry).increment();
        Timer.builder("hub.ingest.duration").description("time from receipt to committed outcome")
                .tag("format", message.format().name()).tag("outcome", status).publishPercentileHistogram()
                .register(registry).record(took);
        if (outcome.factCount() > 0) {
            Counter.builder("hub.ingest.facts").description("clinical facts stored")
                    .tag("format", message.format().name()).register(registry).increment(outcome.factCount());
        }
    }
}
