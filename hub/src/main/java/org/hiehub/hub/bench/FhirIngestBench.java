package org.hiehub.hub.bench;

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
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hiehub.hub.cli.TokenOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-ingest-fhir}: drives a running hub over HTTP with the Synthea transaction bundles and prints FHIR
 * resources per second end to end (each POST /fhir returns only after its transaction committed), request
 * latency p50/p99, and the projection lag seen meanwhile. Each bundle is sent with a fresh patient id, so every
 * request is new work rather than a cheap duplicate, and runs can repeat against the same hub. Loopback only.
 */
@Command(name = "bench-ingest-fhir", mixinStandardHelpOptions = true,
        description = "FHIR ingestion throughput of a running hub (loopback only).")
public final class FhirIngestBench implements Callable<Integer> {

    public static final String NAME = "bench-ingest-fhir";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern SYNTHEA_ID = Pattern.compile("_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
            + "[0-9a-f]{12})\\.json$");

    @Option(names = "--dir", required = true, description = "folder of bundles (or one with a bundles/ subfolder)")
    Path dir;
    @Option(names = "--clients", defaultValue = "1", description = "concurrent HTTP clients (1..16)")
    int clients;
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the hub, on loopback")
    URI url;
    @Option(names = "--repeat", defaultValue = "1", description = "times each bundle is sent (1..20)")
    int repeat;
    // A just-started hub spends much of its CPU compiling: its first 50,000 resources went 30-40% slower than the
    // next ones (2026-11-23, 2 cores), so by default about that many are sent first, each bundle with a fresh id.
    @Option(names = {"--warm-up", "--warmup"}, defaultValue = "150",
            description = "bundles sent first, one at a time, and not measured; cycles through the folder "
                    + "(0..10000, default ${DEFAULT-VALUE})")
    int warmup;
    @CommandLine.Mixin
    TokenOptions credentials;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    private String authorization;

    public static int run(String[] args) {
        return new CommandLine(new FhirIngestBench()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    @Override
    public Integer call() throws Exception {
        if (!LOOPBACK.contains(url.getHost())) {
            System.err.println("refusing " + url + ": the benchmark only talks to a hub on loopback");
            return 2;
        }
        OptionBounds.within(spec, "--clients", clients, 1, 16);
        OptionBounds.within(spec, "--repeat", repeat, 1, 20);
        OptionBounds.within(spec, "--warm-up", warmup, 0, 10_000);
        authorization = credentials.authorization();
        List<Bundle> bundles = load(dir.resolve("bundles").toFile().isDirectory() ? dir.resolve("bundles") : dir);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < warmup; i++) {
            post(http, bundles.get(i % bundles.size()).fresh());
        }
        ConcurrentLinkedQueue<Bundle> work = new ConcurrentLinkedQueue<>();
        for (int r = 0; r < repeat; r++) {
            work.addAll(bundles);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger resources = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ProjectionLagSampler lag = new ProjectionLagSampler(http, url, authorization);
        lag.start();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> {
                for (Bundle bundle = work.poll(); bundle != null; bundle = work.poll()) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = post(http, bundle.fresh());
                    latencies.add(System.nanoTime() - sent);
                    if (response != null && response.statusCode() == 200) {
                        resources.addAndGet(bundle.resources());
                        response.headers().firstValue("X-Hub-Position")
                                .ifPresent(p -> lag.committed(Long.parseLong(p)));
                    } else {
                        failures.incrementAndGet();
                    }
                }
            }, "bench-client-" + c);
            client.start();
            threads.add(client);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ProjectionLagSampler.Lag projection = lag.stopAndDrain(Duration.ofSeconds(60));
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("bundles %d (%d failed), resources %d, %.1f s, %d client(s)%n", sorted.size(),
                failures.get(), resources.get(), seconds, clients);
        System.out.printf("resources/s %.0f, bundles/s %.1f, latency p50 %.0f ms, p99 %.0f ms%n",
                resources.get() / seconds, sorted.size() / seconds, percentile(sorted, 50), percentile(sorted, 99));
        System.out.printf("projection lag p50 %d ms, p99 %d ms, max %d ms; caught up %d ms after the last commit%n",
                projection.p50(), projection.p99(), projection.max(), projection.drainMillis());
        System.out.printf("{\"clients\":%d,\"bundles\":%d,\"failed\":%d,\"resources\":%d,\"resourcesPerSecond\":%.0f,"
                        + "\"p50Ms\":%.0f,\"p99Ms\":%.0f,\"lagP99Ms\":%d,\"drainMs\":%d}%n", clients, sorted.size(),
                failures.get(), resources.get(), resources.get() / seconds, percentile(sorted, 50),
                percentile(sorted, 99), projection.p99(), projection.drainMillis());
        return failures.get() == 0 ? 0 : 1;
    }

    private HttpResponse<String> post(HttpClient http, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/fhir")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/fhir+json").header("X-Hub-Source", "bench-synthea")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<Bundle> load(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Matcher id = SYNTHEA_ID.matcher(file.getFileName().toString());
                byte[] bytes = Files.readAllBytes(file);
                if (id.find()) {
                    bundles.add(new Bundle(new String(bytes, StandardCharsets.UTF_8), id.group(1),
                            json.readTree(bytes).path("entry").size()));
                }
            }
        }
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("no Synthea bundles (Name_Surname_<uuid>.json) in " + folder);
        }
        return bundles;
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    /** A Synthea bundle; each send replaces the patient's Synthea id (its MRN) with a new one. */
    private record Bundle(String json, String patientId, int resources) {
        byte[] fresh() {
            return json.replace(patientId, UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
