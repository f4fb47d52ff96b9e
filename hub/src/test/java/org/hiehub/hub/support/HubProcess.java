package org.hiehub.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.hiehub.hub.HubApplication;

/**
 * A hub in a JVM of its own, started from the test classpath the way an operator starts one ({@code java -cp …
 * HubApplication --hub.roles=…}), so a test can kill it for real. Its output goes to {@code target/<name>.log}.
 */
public final class HubProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static HubProcess start(String name, List<String> arguments) {
        int port = freePort();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), HubApplication.class.getName(),
                "--server.port=" + port, "--logging.level.root=WARN", "--logging.level.org.hiehub=INFO",
                // a small pool: the tests' PostgreSQL serves every test context of the run at the same time
                "--spring.datasource.hikari.maximum-pool-size=4"));
        command.addAll(arguments);
        try {
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new HubProcess(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HubClient client() {
        return new HubClient(port);
    }

    /** Waits until the process answers its health endpoint with UP. */
    public HubProcess awaitUp(Duration atMost) {
        Awaitility.await(name + " up").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited; see " + log);
                    }
                    return "UP".equals(health().path("status").asText());
                });
        return this;
    }

    public JsonNode health() {
        return new HubClient(port).get("/actuator/health").json(); // details need the admin role
    }

    /** The segments of {@code processor} this process holds, from its health. */
    public List<Integer> segmentsClaimed(String processor) {
        List<Integer> segments = new ArrayList<>();
        health().at("/components/eventProcessors/details/" + processor + "/segmentsClaimed")
                .forEach(s -> segments.add(s.asInt()));
        return segments;
    }

    /** {@code kill -9}: no shutdown hook, no released claims, no flushed buffers. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
