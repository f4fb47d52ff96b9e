package org.hiehub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.hiehub.hub.cli.TokenOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-read}: read latency of a running hub. It first sends each Synthea bundle of {@code --dir} once
 * (with a fresh patient id, as bench-ingest-fhir does) to learn their master patient ids, waits until the views
 * hold them, then for 1 and 8 concurrent clients (or {@code --clients}) calls the summary
 * ({@code GET /api/patients/{id}}) and {@code GET /fhir/Patient/{id}/$everything} (first page, {@code _count})
 * for random patients for {@code --seconds} each, and prints p50/p99 latency and requests per second. Before the
 * measured runs it reads both endpoints, unmeasured, for {@code --warm-up} seconds at the highest level: a hub whose
 * JIT has not yet compiled the read path answers its first minutes' reads slower and less evenly. Loopback only.
 */
@Command(name = "bench-read", mixinStandardHelpOptions = true,
        description = "Summary and $everything read latency of a running hub (loopback only).")
public final class ReadBench implements Callable<Integer> {

    public static final String NAME = "bench-read";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern SYNTHEA_ID = Pattern.compile("_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
            + "[0-9a-f]{12})\\.json$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--dir", required = true, description = "folder of Synthea bundles (or one with bundles/)")
    Path dir;
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the hub, on loopback")
    URI url;
    @Option(names = "--patients", defaultValue = "20", description = "bundles to send and read back (1..200)")
    int patients;
    @Option(names = "--clients", split = ",", defaultValue = "1,8", description = "concurrency levels (1..16)")
    List<Integer> clients;
    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per endpoint and level (1..3600)")
    int seconds;
    @Option(names = "--count", defaultValue = "50", description = "$everything page size (_count, 1..1000)")
    int count;
    @Option(names = {"--warm-up", "--warmup"}, defaultValue = "30",
            description = "unmeasured seconds of reads first, split over both endpoints (0: none; at most 3600)")
    int warmUpSeconds;
    @CommandLine.Mixin
    TokenOptions credentials;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    private String authorization;

    public static int run(String[] args) {
        return new CommandLine(new ReadBench()).execute(Arrays.copyOfRange(args, 1, args.length));
    }

    @Override
    public Integer call() throws Exception {
        if (!LOOPBACK.contains(url.getHost())) {
            System.err.println("refusing " + url + ": the benchmark only talks to a hub on loopback");
            return 2;
        }
        OptionBounds.within(spec, "--patients", patients, 1, 200);
        OptionBounds.eachWithin(spec, "--clients", clients, 1, 16);
        OptionBounds.within(spec, "--seconds", seconds, 1, 3_600);
        OptionBounds.within(spec, "--count", count, 1, 1_000);
        OptionBounds.within(spec, "--warm-up", warmUpSeconds, 0, 3_600);
        authorization = credentials.authorization();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> ids = load(http, dir.resolve("bundles").toFile().isDirectory() ? dir.resolve("bundles") : dir,
                patients);
        System.out.printf("%d patients loaded and readable; %d s per run%n", ids.size(), seconds);
        List<String> json = new ArrayList<>();
        Function<String, String> summary = id -> "/api/patients/" + id;
        Function<String, String> everything = id -> "/fhir/Patient/" + id + "/$everything?_count=" + count;
        try (CloseableHttpClient readers = readers()) {
            if (warmUpSeconds > 0) {
                int n = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
                Duration half = Duration.ofMillis(warmUpSeconds * 500L);
                readFor(half, readers, ids, n, summary, new AtomicInteger());
                readFor(half, readers, ids, n, everything, new AtomicInteger());
                System.out.printf("warmed up: %d s of unmeasured reads at %d clients%n", warmUpSeconds, n);
            }
            for (int level : clients) {
                json.add(measure(readers, ids, level, "summary", summary));
                json.add(measure(readers, ids, level, "everything", everything));
            }
        }
        System.out.println("[" + String.join(",", json) + "]");
        return 0;
    }

    /**
     * The measured reads go through a blocking client: each read's thread writes the request and reads the answer
     * itself on a kept-alive connection. The JDK's client hands every exchange to its selector thread and back, and
     * on a 2-core machine that cost a third of the hub's CPU per read in the client and added its own scheduling
     * delays to every measured latency.
     */
    private static CloseableHttpClient readers() {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(16).setMaxConnPerRoute(16).build())
                .disableContentCompression().disableCookieManagement().disableAutomaticRetries()
                .disableRedirectHandling().build();
    }

    private String measure(CloseableHttpClient http, List<String> ids, int clients, String name,
                           Function<String, String> path) throws InterruptedException {
        // warm-up: every patient once, not measured
        ids.forEach(id -> read(http, path.apply(id)));
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        List<List<Long>> perClient = readFor(Duration.ofSeconds(seconds), http, ids, clients, path, failures);
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = perClient.stream().flatMap(List::stream).sorted().toList();
        double p50 = percentile(sorted, 50);
        double p99 = percentile(sorted, 99);
        System.out.printf("%-10s clients %2d: %6d requests (%d failed), p50 %.1f ms, p99 %.1f ms, %.0f req/s%n",
                name, clients, sorted.size(), failures.get(), p50, p99, sorted.size() / elapsed);
        return String.format("{\"endpoint\":\"%s\",\"clients\":%d,\"requests\":%d,\"failed\":%d,\"p50Ms\":%.2f,"
                + "\"p99Ms\":%.2f,\"perSecond\":%.0f}", name, clients, sorted.size(), failures.get(), p50, p99,
                sorted.size() / elapsed);
    }

    /** {@code clients} threads reading random patients for {@code duration}; each thread's latencies in nanoseconds. */
    private List<List<Long>> readFor(Duration duration, CloseableHttpClient http, List<String> ids, int clients,
                                     Function<String, String> path, AtomicInteger failures)
            throws InterruptedException {
        List<List<Long>> perClient = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Long> latencies = new ArrayList<>();
            perClient.add(latencies);
            Thread client = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    long sent = System.nanoTime();
                    int status = read(http, path.apply(id));
                    latencies.add(System.nanoTime() - sent);
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                }
            }, "bench-read-" + c);
            client.start();
            threads.add(client);
        }
        for (Thread t : threads) {
            t.join();
        }
        return perClient;
    }

    /** Sends the bundles once with fresh ids; returns their master patient ids once the views hold them. */
    private List<String> load(HttpClient http, Path folder, int limit) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> SYNTHEA_ID.matcher(p.getFileName().toString()).find()).sorted()
                    .limit(limit).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Synthea bundles (Name_Surname_<uuid>.json) in " + folder);
        }
        List<String> ids = new ArrayList<>();
        long position = -1;
        for (Path file : files) {
            Matcher synthea = SYNTHEA_ID.matcher(file.getFileName().toString());
            synthea.find();
            String body = Files.readString(file).replace(synthea.group(1), UUID.randomUUID().toString());
            HttpResponse<String> response = send(http, HttpRequest.newBuilder(url.resolve("/fhir"))
                    .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/fhir+json")
                    .header("X-Hub-Source", "bench-synthea").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
            if (response == null || response.statusCode() != 200) {
                throw new IllegalStateException("the hub refused " + file.getFileName() + ": "
                        + (response == null ? "no answer" : response.statusCode()));
            }
            JsonNode answer = JSON.readTree(response.body());
            ids.add(answer.at("/entry/0/response/location").asText().substring("Patient/".length()));
            position = Math.max(position, Long.parseLong(response.headers().firstValue("X-Hub-Position")
                    .orElse("-1")));
        }
        // read-your-writes on both endpoints once, so the measured reads find complete views (a loaded machine
        // may take a while to project what was just sent: 503 means not yet, so ask again)
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (String path : List.of("/api/patients/" + ids.get(ids.size() - 1),
                "/fhir/Patient/" + ids.get(ids.size() - 1) + "/$everything")) {
            int status;
            do {
                status = get(http, path + (path.contains("?") ? "&" : "?") + "minPosition=" + position
                        + "&waitMs=30000");
            } while (status == 503 && System.nanoTime() < deadline);
            if (status != 200) {
                throw new IllegalStateException("views did not catch up (" + status + ") on " + path);
            }
        }
        return ids;
    }

    private int get(HttpClient http, String path) {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization).GET().build());
        return response == null ? -1 : response.statusCode();
    }

    /** The answer's status once its whole body has been read; -1 when there was none. */
    private int read(CloseableHttpClient http, String path) {
        HttpGet get = new HttpGet(url.resolve(path));
        get.setHeader("Authorization", authorization);
        try {
            return http.execute(get, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            return -1;
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }
}
