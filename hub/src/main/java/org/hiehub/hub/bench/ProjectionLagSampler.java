package org.hiehub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 *
 * <p>An HL7 ACK carries no log position, so for MLLP the sampler reads the log's head and the view's position from
 * {@code GET /api/admin/projections} instead ({@link #fromHead}): a head first seen at one sample counts as
 * committed at the sample before, which can only make the lag look longer than it was, by at most one interval.
 */
final class ProjectionLagSampler {

    record Lag(long p50, long p99, long max, long drainMillis) {
    }

    private static final long SAMPLE_MILLIS = 250;
    private static final String VIEW = "patient-summary";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI probe;
    private final URI status;
    private final boolean fromHead;
    private long previousSample = System.nanoTime();
    /** Event-log position of each acknowledged commit to the time (nanos) it was acknowledged. */
    private final ConcurrentSkipListMap<Long, Long> commits = new ConcurrentSkipListMap<>();
    private final List<Long> samples = new ArrayList<>();
    private volatile boolean running = true;
    private Thread sampler;

    private final String authorization;

    ProjectionLagSampler(HttpClient http, URI hub, String authorization) {
        this(http, hub, authorization, false);
    }

    private ProjectionLagSampler(HttpClient http, URI hub, String authorization, boolean fromHead) {
        this.http = http;
        this.authorization = authorization;
        this.probe = hub.resolve("/api/patients?identifier=urn:hiehub:bench%7Cnone&waitMs=0");
        this.status = hub.resolve("/api/admin/projections");
        this.fromHead = fromHead;
    }

    /** A sampler that learns the commits from the log's head (needs the admin role), for clients without positions. */
    static ProjectionLagSampler fromHead(HttpClient http, URI hub, String authorization) {
        return new ProjectionLagSampler(http, hub, authorization, true);
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
        if (fromHead) {
            // everything acknowledged so far is in the head read now; the drain counts from here
            lastCommit = System.nanoTime();
            Positions now = positions();
            if (now != null) {
                commits.putIfAbsent(now.head(), lastCommit);
            }
        }
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
        long view;
        if (fromHead) {
            Positions now = positions();
            long sampledAt = System.nanoTime();
            if (now == null) {
                return;
            }
            if (commits.isEmpty() || now.head() > commits.lastKey()) {
                commits.putIfAbsent(now.head(), previousSample);
            }
            previousSample = sampledAt;
            view = now.view();
        } else {
            view = viewPosition();
        }
        if (view < 0) {
            return;
        }
        var unseen = commits.higherEntry(view);
        samples.add(unseen == null ? 0 : (System.nanoTime() - unseen.getValue()) / 1_000_000);
    }

    private record Positions(long head, long view) {
    }

    /** The log's head and the patient-summary view's position from the projection status, or null if unread. */
    private Positions positions() {
        JsonNode processors = json(http, status, authorization);
        for (JsonNode processor : processors == null ? JSON.createArrayNode() : processors) {
            if (VIEW.equals(processor.path("processor").asText())) {
                return new Positions(processor.path("head").asLong(), processor.path("position").asLong());
            }
        }
        return null;
    }

    /** A GET of the hub's JSON with the benchmark's token; null when it fails or answers other than 200. */
    static JsonNode json(HttpClient http, URI uri, String authorization) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private long viewPosition() {
        if (fromHead) {
            Positions now = positions();
            return now == null ? -1 : now.view();
        }
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
