package org.hiehub.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.hiehub.command.ingest.hl7v2.Hl7IngestBench;
import org.hiehub.hub.cli.TokenOptions;

/**
 * The projection lag of a {@code bench-ingest-hl7} phase and the hub's CPU per message ({@link PhaseCpu}), read over
 * HTTP from the hub the messages went to ({@code --url}, {@code http://127.0.0.1:8080} by default; {@code --token},
 * else a token minted from {@code --data-dir}, {@code ./data} by default, as for the other benchmarks).
 */
public final class Hl7LagWatch implements Hl7IngestBench.LagWatch {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private final ProjectionLagSampler sampler;
    private final HttpClient http;
    private final URI url;
    private final String authorization;
    private PhaseCpu cpu;

    private Hl7LagWatch(HttpClient http, URI url, String authorization) {
        this.sampler = ProjectionLagSampler.fromHead(http, url, authorization);
        this.http = http;
        this.url = url;
        this.authorization = authorization;
    }

    /**
     * A watch per phase, all of one run sharing its token (resolved once: minting reads the issuer's key) and HTTP
     * client; or, when no token can be had, watches that say why the lag is not measured.
     */
    public static Supplier<Hl7IngestBench.LagWatch> perPhase(URI url, TokenOptions credentials) {
        String authorization;
        try {
            authorization = credentials.authorization();
        } catch (RuntimeException e) {
            Hl7IngestBench.LagWatch unmeasured = unmeasured(e.getMessage());
            return () -> unmeasured;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return () -> new Hl7LagWatch(http, url, authorization);
    }

    @Override
    public void start() {
        cpu = PhaseCpu.start(http, url, authorization);
        sampler.start();
    }

    @Override
    public String stop(int messages) throws InterruptedException {
        long lastAck = System.nanoTime();
        ProjectionLagSampler.Lag lag = sampler.stopAndDrain(PATIENCE);
        return String.format("projection lag p50 %d ms, p99 %d ms, max %d ms; caught up %s after the last ACK%n%s",
                lag.p50(), lag.p99(), lag.max(), lag.drainMillis() < 0 ? "not within " + PATIENCE.toSeconds() + " s"
                        : lag.drainMillis() + " ms", cpu.stop(messages, lastAck, PATIENCE));
    }

    private static Hl7IngestBench.LagWatch unmeasured(String why) {
        return new Hl7IngestBench.LagWatch() {
            @Override
            public void start() {
            }

            @Override
            public String stop(int messages) {
                return "projection lag and hub CPU not measured: " + why;
            }
        };
    }
}
