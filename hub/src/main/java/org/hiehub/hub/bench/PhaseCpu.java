package org.hiehub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The CPU the hub's process spent on one benchmark phase, per message: its {@code process.cpu.time} metric read when
 * the phase starts and again once every view has caught up with the log (so the projections' work for the phase's
 * messages is counted in that phase and not the next), over HTTP with the benchmark's token (the admin role).
 * Throughput on these machines varies by a third from run to run; CPU per message is what shows a change. It counts
 * the hub's JVM (the JIT compiler and GC included), not a separate PostgreSQL or MongoDB.
 */
final class PhaseCpu {

    private final HttpClient http;
    private final URI metric;
    private final URI status;
    private final String authorization;
    private final double startNanos;

    private PhaseCpu(HttpClient http, URI hub, String authorization) {
        this.http = http;
        this.metric = hub.resolve("/actuator/metrics/process.cpu.time");
        this.status = hub.resolve("/api/admin/projections");
        this.authorization = authorization;
        this.startNanos = cpuNanos();
    }

    /** Reads the hub's CPU time now, at the phase's start. */
    static PhaseCpu start(HttpClient http, URI hub, String authorization) {
        return new PhaseCpu(http, hub, authorization);
    }

    /**
     * Waits (at most {@code patience}) until every running view has reached the log's head, then answers the line
     * to print: CPU per message and how long after {@code lastAckNanos} (a {@link System#nanoTime}) all views were
     * there, or why it was not measured.
     */
    String stop(int messages, long lastAckNanos, Duration patience) throws InterruptedException {
        if (Double.isNaN(startNanos)) {
            return "hub CPU not measured: its process.cpu.time metric could not be read";
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!allViewsAtHead()) {
            if (System.nanoTime() > deadline) {
                return "hub CPU not measured: the views did not all catch up within " + patience.toSeconds() + " s";
            }
            Thread.sleep(50);
        }
        long caughtUp = (System.nanoTime() - lastAckNanos) / 1_000_000;
        double spent = cpuNanos() - startNanos;
        if (Double.isNaN(spent)) {
            return "hub CPU not measured: its process.cpu.time metric could not be read";
        }
        return String.format("hub CPU %.2f ms per message (its JVM, JIT and GC included), counted until every view "
                + "caught up, %d ms after the last ACK", spent / 1e6 / messages, caughtUp);
    }

    private double cpuNanos() {
        JsonNode body = get(metric);
        if (body == null) {
            return Double.NaN;
        }
        for (JsonNode measurement : body.path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asText())) {
                return measurement.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    /** Every processor that runs without an error is at the head; a status that cannot be read is not. */
    private boolean allViewsAtHead() {
        JsonNode processors = get(status);
        if (processors == null || !processors.isArray()) {
            return false;
        }
        for (JsonNode processor : processors) {
            boolean counts = processor.path("running").asBoolean(true)
                    && (processor.path("error").isMissingNode() || processor.path("error").isNull());
            if (counts && processor.path("position").asLong() < processor.path("head").asLong()) {
                return false;
            }
        }
        return true;
    }

    private JsonNode get(URI uri) {
        return ProjectionLagSampler.json(http, uri, authorization);
    }
}
