package org.hiehub.command.ingest.hl7v2;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code bench-ingest-hl7}: drives a running hub over MLLP with a warm-up of ADT and ORU messages ({@code --warm-up},
 * 1,000 by default), then generated ADT^A01 and then ORU^R01 messages ({@link BenchMessages}: new people, one
 * registration in ten a known person at a second facility; distinct control ids, so every message is new work and
 * runs can repeat against the same hub)
 * and prints messages per second and ACK latency p50/p99 per phase. An ACK arrives only after the message's facts
 * are committed, so the rate is end to end; an ACK must name the message's control id (MSA-2) to count under its
 * code. The projection lag seen during each phase comes from a {@link LagWatch} the hub's launcher supplies (it reads
 * the read side's position over HTTP). Each connection is a plain {@link MllpConnection}: the messages go out as
 * generated and no HAPI parsing runs on the sender's side, which shares the hub's cores. Starts nothing itself;
 * loopback only.
 */
public final class Hl7IngestBench {

    public static final String NAME = "bench-ingest-hl7";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    private Hl7IngestBench() {
    }

    /** Watches the hub while one phase runs; {@link #stop} answers the lines to print. */
    public interface LagWatch {
        void start();

        /** Called right after the phase's last ACK, with how many messages it sent. */
        String stop(int messages) throws InterruptedException;
    }

    /**
     * What one run sends: {@code messages} per measured phase (1..200,000), at each of the {@code connections}
     * levels in turn (1..16 each), after {@code warmUp} unmeasured ones (0..200,000, over the most connections), to
     * the hub's MLLP port on {@code host} (loopback only). Out of range is refused, not clamped.
     */
    public record Settings(int messages, List<Integer> connections, int warmUp, String host, int port) {
        public static final int MAX_MESSAGES = 200_000;
        public static final int MAX_CONNECTIONS = 16;

        public Settings {
            connections = connections.stream().distinct().toList();
            if (messages < 1 || messages > MAX_MESSAGES || warmUp < 0 || warmUp > MAX_MESSAGES
                    || connections.isEmpty() || connections.stream().anyMatch(c -> c < 1 || c > MAX_CONNECTIONS)) {
                throw new IllegalArgumentException("out of range: " + messages + " messages, connections "
                        + connections + ", warm-up " + warmUp);
            }
        }
    }

    /**
     * Runs the warm-up, then both phases at each connection level, and prints their figures to {@code out};
     * {@code lagWatches} makes a watch per measured phase, or answers null to measure no lag. Answers the exit code:
     * 0 when every message was answered AA, 1 otherwise or when the hub could not be reached, 2 for a host that is
     * not loopback.
     */
    public static int run(Settings settings, Supplier<LagWatch> lagWatches, PrintStream out) {
        if (!LOOPBACK.contains(settings.host())) {
            System.err.println("refusing " + settings.host() + ": the benchmark only talks to a hub on loopback");
            return 2;
        }
        int messages = settings.messages();
        out.printf("bench-ingest-hl7: %d messages per phase over %s connection(s) to %s:%d%n", messages,
                settings.connections().stream().map(String::valueOf).collect(Collectors.joining(", then ")),
                settings.host(), settings.port());
        try {
            int unaccepted = 0;
            if (settings.warmUp() > 0) {
                // a just-started hub spends most of its first minute compiling (C2 took a third of its CPU in a
                // 1,000-message run): the warm-up lets the measured phases see the code as it runs for the rest of
                // the day
                String warm = "W" + runId();
                List<Client> clients = connect(settings, Collections.max(settings.connections()));
                try {
                    unaccepted += phase(out, "warm-up", settings.warmUp(), clients, i -> i % 2 == 0
                            ? BenchMessages.adt(warm, i / 2) : BenchMessages.oru(warm, i / 2), null);
                } finally {
                    close(clients);
                }
            }
            for (int connections : settings.connections()) {
                if (settings.connections().size() > 1) {
                    out.printf("%d connection(s):%n", connections);
                }
                String run = runId(); // each level registers its own people, with control ids of its own
                List<Client> clients = connect(settings, connections);
                try {
                    unaccepted += phase(out, "ADT^A01", messages, clients, i -> BenchMessages.adt(run, i),
                            lagWatches.get());
                    unaccepted += phase(out, "ORU^R01", messages, clients, i -> BenchMessages.oru(run, i),
                            lagWatches.get());
                } finally {
                    close(clients);
                }
            }
            if (unaccepted > 0) {
                System.err.println(unaccepted + " message(s) were not answered AA: the figures above are not those"
                        + " of a hub storing every message");
                return 1;
            }
            return 0;
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            return 1;
        }
    }

    private static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<Client> connect(Settings settings, int connections) throws IOException {
        List<Client> clients = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                clients.add(new Client(settings.host(), settings.port()));
            }
        } catch (IOException e) {
            close(clients);
            throw e;
        }
        return clients;
    }

    private static void close(List<Client> clients) {
        for (Client client : clients) {
            client.close();
        }
    }

    /** Runs one phase and prints its figures; answers how many messages were not answered AA. */
    private static int phase(PrintStream out, String name, int messages, List<Client> clients, Generator generator,
                             LagWatch lag) throws InterruptedException {
        if (lag != null) {
            lag.start();
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(messages));
        Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (Client client : clients) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                    String code = client.send(generator.message(i), latencies);
                    codes.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                }
            }, "bench-" + name);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        out.printf("%-8s %6d msgs in %6.2f s = %7.1f msg/s; ACK latency p50 %6.1f ms, p99 %6.1f ms, "
                + "max %6.1f ms; ACKs %s%n", name, messages, seconds, messages / seconds, percentile(sorted, 50),
                percentile(sorted, 99), percentile(sorted, 100), codes);
        if (lag != null) {
            for (String line : lag.stop(messages).split("\\R")) {
                out.printf("%-8s %s%n", "", line);
            }
        }
        AtomicInteger accepted = codes.get("AA");
        return messages - (accepted == null ? 0 : accepted.get());
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    @FunctionalInterface
    private interface Generator {
        String message(int index);
    }

    /** One MLLP connection: sends a generated message as it is and reads the MSA of its answer. */
    private static final class Client {
        private final MllpConnection connection;

        Client(String host, int port) throws IOException {
            connection = new MllpConnection(host, port, Duration.ofSeconds(60));
            connection.connect();
        }

        String send(String er7, List<Long> latencies) {
            String controlId = MshHeader.of(er7).map(MshHeader::controlId).orElse("");
            try {
                long sent = System.nanoTime();
                String answer = connection.exchange(er7);
                latencies.add(System.nanoTime() - sent);
                return MllpConnection.Ack.of(answer)
                        .map(ack -> ack.controlId().equals(controlId) ? ack.code() : "answer-to-another-message")
                        .orElse("not-an-ack");
            } catch (IOException e) {
                return "error:" + e.getClass().getSimpleName();
            }
        }

        void close() {
            connection.close();
        }
    }
}
