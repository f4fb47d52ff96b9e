package org.hiehub.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hiehub.command.ingest.hl7v2.Hl7IngestBench;
import org.hiehub.hub.cli.TokenOptions;

/**
 * The projection lag of a {@code bench-ingest-hl7} phase, read over HTTP from the hub the messages went to
 * ({@code --url}, {@code http://127.0.0.1:8080} by default; {@code --token}, else a token minted from
 * {@code --data-dir}, {@code ./data} by default, as for the other benchmarks).
 */
public final class Hl7LagWatch implements Hl7IngestBench.LagWatch {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private final ProjectionLagSampler sampler;

    private Hl7LagWatch(ProjectionLagSampler sampler) {
        this.sampler = sampler;
    }

    /** A watch for one phase, or one that says why the lag is not measured. */
    public static Hl7IngestBench.LagWatch from(Map<String, String> options) {
        URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
        String authorization;
        try {
            authorization = TokenOptions.of(options.get("token"), Path.of(options.getOrDefault("data-dir", "./data")))
                    .authorization();
        } catch (RuntimeException e) {
            return unmeasured(e.getMessage());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new Hl7LagWatch(ProjectionLagSampler.fromHead(http, url, authorization));
    }

    @Override
    public void start() {
        sampler.start();
    }

    @Override
    public String stop() throws InterruptedException {
        ProjectionLagSampler.Lag lag = sampler.stopAndDrain(PATIENCE);
        return String.format("projection lag p50 %d ms, p99 %d ms, max %d ms; caught up %s after the last ACK",
                lag.p50(), lag.p99(), lag.max(), lag.drainMillis() < 0 ? "not within " + PATIENCE.toSeconds() + " s"
                        : lag.drainMillis() + " ms");
    }

    private static Hl7IngestBench.LagWatch unmeasured(String why) {
        return new Hl7IngestBench.LagWatch() {
            @Override
            public void start() {
            }

            @Override
            public String stop() {
                return "projection lag not measured: " + why;
            }
        };
    }
}
