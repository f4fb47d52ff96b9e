package org.hiehub.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Projection lag as a client sees it: every few hundred milliseconds the patient-summary view's position (the
 * {@code X-Hub-View-Position} header of a cheap search) is compared with the commits the benchmark has seen; the
 * lag is how long ago the oldest commit the view does not yet show was acknowledged.
 */
final class ProjectionLagSampler {

    record Lag(long p50, long p99, long max, long drainMillis) {
    }

    private static final long SAMPLE_MILLIS = 250;
    private final HttpClient http;
    private final URI probe;
    /** Event-log position of each acknowledged commit to the time (nanos) it was acknowledged. */
    private final ConcurrentSkipListMap<Long, Long> commits = new ConcurrentSkipListMap<>();
    private final List<Long> samples = new ArrayList<>();
    private volatile boolean running = true;
    private Thread sampler;

    private final String authorization;

    ProjectionLagSampler(HttpClient http, URI hub, String authorization) {
        this.http = http;
        this.authorization = authorization;
        this.probe = hub.resolve("/api/patients?identifier=urn:hiehub:bench%7Cnone&waitMs=0");
    }

    void committed(long position) {
        commits.putIfAbsent(position, System.nanoTime());
    }

    void start() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                sleep(SAMPLE_MILLIS);
            }
        }, "bench-lag-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    Lag stopAndDrain(Duration patience) throws InterruptedException {
        running = false;
        sampler.join();
        long lastCommit = commits.isEmpty() ? System.nanoTime() : commits.lastEntry().getValue();
        long deadline = System.nanoTime() + patience.toNanos();
        long drain = -1;
        while (System.nanoTime() < deadline) {
            long view = viewPosition();
            if (commits.isEmpty() || view >= commits.lastKey()) {
                drain = (System.nanoTime() - lastCommit) / 1_000_000;
                break;
            }
            sleep(50);
        }
        List<Long> sorted = samples.stream().sorted().toList();
        return new Lag(at(sorted, 50), at(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), drain);
    }

    private void sample() {
        long view = viewPosition();
        if (view < 0) {
            return;
        }
        var unseen = commits.higherEntry(view);
        samples.add(unseen == null ? 0 : (System.nanoTime() - unseen.getValue()) / 1_000_000);
    }

    private long viewPosition() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("X-Hub-View-Position").map(Long::parseLong).orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long at(List<Long> sorted, int percentile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
