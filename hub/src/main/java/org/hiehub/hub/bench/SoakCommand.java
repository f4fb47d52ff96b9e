package org.hiehub.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hiehub.command.ingest.hl7v2.MllpConnection;
import org.hiehub.hub.cli.TokenOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak}: mixed HL7 v2 (MLLP) and FHIR (HTTP) traffic against a running hub for a fixed time, at a bounded
 * rate, each message a new made-up patient. Then it accounts for every message: sent, acknowledged (AA / 200),
 * stored (the hub's own count of committed messages, from Prometheus), projected (found by identifier in the
 * patient view) and lost (acknowledged but never projected — must be 0); with p99 ingest latency (send to ACK)
 * and the peak projection lag seen meanwhile. Loopback only.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Mixed HL7 v2 and FHIR traffic for a fixed time against a running hub (loopback only).")
public final class SoakCommand implements Callable<Integer> {

    public static final String NAME = "soak";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern ACCEPTED = Pattern.compile(
            "^hub_ingest_messages_total\\{[^}]*outcome=\"accepted\"[^}]*} ([0-9.E]+)", Pattern.MULTILINE);

    @Option(names = "--minutes", required = true, description = "how long to send (1..60)")
    int minutes;
    @Option(names = "--rate", defaultValue = "10", description = "messages per second, HL7 and FHIR together (1..200)")
    int rate;
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the hub's HTTP side, on loopback")
    URI url;
    @Option(names = "--mllp-port", defaultValue = "2575", description = "the hub's MLLP port on the same host")
    int mllpPort;
    @Option(names = "--fhir-share", defaultValue = "25",
            description = "percent of messages sent as FHIR bundles (0..100)")
    int fhirShare;
    @CommandLine.Mixin
    TokenOptions credentials;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Long> latencies = new ArrayList<>();
    private final List<String> acknowledged = new ArrayList<>();
    private HttpClient http;
    private String authorization;

    public static int run(String[] args) {
        return new CommandLine(new SoakCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    @Override
    public Integer call() throws Exception {
        if (!LOOPBACK.contains(url.getHost())) {
            System.err.println("refusing " + url + ": the soak run only talks to a hub on loopback");
            return 2;
        }
        OptionBounds.within(spec, "--minutes", minutes, 1, 60);
        OptionBounds.within(spec, "--rate", rate, 1, 200);
        OptionBounds.within(spec, "--fhir-share", fhirShare, 0, 100);
        authorization = credentials.authorization();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        double storedBefore = acceptedByHub();
        ProjectionLagSampler lag = new ProjectionLagSampler(http, url, authorization);
        lag.start();
        int sent = 0;
        long started = System.nanoTime();
        long end = started + Duration.ofMinutes(minutes).toNanos();
        try (MllpConnection mllp = new MllpConnection(url.getHost(), mllpPort, Duration.ofSeconds(60))) {
            while (System.nanoTime() < end) {
                long due = started + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                boolean fhir = ThreadLocalRandom.current().nextInt(100) < fhirShare;
                String id = run + "-" + sent++;
                long sentAt = System.nanoTime();
                boolean ok = fhir ? sendFhir(id, lag) : sendHl7(mllp, Messages.oru(id));
                latencies.add(System.nanoTime() - sentAt);
                if (ok) {
                    acknowledged.add((fhir ? "F" : "H") + id);
                }
                if (sent % (rate * 30) == 0) {
                    System.out.printf("%d s: %d sent, %d acknowledged%n", (System.nanoTime() - started) / 1_000_000_000,
                            sent, acknowledged.size());
                }
            }
        }
        ProjectionLagSampler.Lag projectionLag = lag.stopAndDrain(Duration.ofSeconds(120));
        int projected = countProjected(Duration.ofSeconds(120));
        double stored = acceptedByHub() - storedBefore;
        List<Long> sorted = latencies.stream().sorted().toList();
        long lost = acknowledged.size() - projected;
        System.out.printf("sent %d, acknowledged %d, stored %.0f, projected %d, lost %d%n", sent,
                acknowledged.size(), stored, projected, lost);
        System.out.printf("ingest latency p50 %.0f ms, p99 %.0f ms; projection lag peak %d ms (p99 %d ms)%n",
                percentile(sorted, 50), percentile(sorted, 99), projectionLag.max(), projectionLag.p99());
        System.out.printf("{\"minutes\":%d,\"rate\":%d,\"sent\":%d,\"acknowledged\":%d,\"stored\":%.0f,"
                        + "\"projected\":%d,\"lost\":%d,\"p99Ms\":%.0f,\"peakLagMs\":%d}%n", minutes, rate, sent,
                acknowledged.size(), stored, projected, lost, percentile(sorted, 99), projectionLag.max());
        return lost == 0 && acknowledged.size() == sent ? 0 : 1;
    }

    /** True when the hub answered AA: a broken connection is reopened for the next message. */
    private static boolean sendHl7(MllpConnection mllp, String message) {
        try {
            return MllpConnection.Ack.of(mllp.exchange(message)).map(MllpConnection.Ack::accepted).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean sendFhir(String id, ProjectionLagSampler lag) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url.resolve("/fhir"))
                .header("Content-Type", "application/fhir+json").header("X-Hub-Source", "SOAK")
                .POST(HttpRequest.BodyPublishers.ofString(Messages.bundle(id))));
        if (response == null || response.statusCode() != 200) {
            return false;
        }
        response.headers().firstValue("X-Hub-Position").ifPresent(p -> lag.committed(Long.parseLong(p)));
        return true;
    }

    /** Every acknowledged message's patient, found by its identifier in the patient view (retried until drained). */
    private int countProjected(Duration patience) throws InterruptedException {
        List<String> pending = new ArrayList<>(acknowledged);
        long deadline = System.nanoTime() + patience.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(this::projected);
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        return acknowledged.size() - pending.size();
    }

    private boolean projected(String message) {
        String identifier = message.startsWith("F") ? Messages.FHIR_SYSTEM + "%7C" + message.substring(1)
                : Messages.HL7_AUTHORITY + "%7CMRN-" + message.substring(1);
        HttpResponse<String> response = send(HttpRequest.newBuilder(url.resolve("/api/patients?identifier="
                + identifier + "&waitMs=0")).GET());
        return response != null && response.statusCode() == 200 && response.body().contains("masterPatientId");
    }

    private double acceptedByHub() {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(url.resolve("/actuator/prometheus")).GET());
        double total = 0;
        if (metrics != null && metrics.statusCode() == 200) {
            Matcher m = ACCEPTED.matcher(metrics.body());
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
        }
        return total;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        return sortedNanos.isEmpty() ? 0
                : sortedNanos.get(Math.max(0, (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1)) / 1e6;
    }
}
