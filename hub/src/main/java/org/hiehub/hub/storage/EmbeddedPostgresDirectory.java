package org.hiehub.hub.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's data directory, under the hub's data directory that {@link DataDirectoryLock} holds for
 * this process. PostgreSQL runs as a child process that a {@code kill -9} of the hub does not stop: its server would
 * keep the directory, and the next start would fail with "another postmaster is running". So once the hub holds the
 * lock, a server still running on the directory can only be such an orphan, and it is stopped (a smart shutdown; the
 * killed hub's connections are already gone) before a new one starts; PostgreSQL recovers from its WAL as after any
 * crash.
 */
final class EmbeddedPostgresDirectory {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDirectory.class);
    private static final long STOP_SECONDS = 60;
    private final Path dataDir;

    private EmbeddedPostgresDirectory(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The server's data, under the hub's data directory. */
    Path pgData() {
        return dataDir.resolve("postgres");
    }

    /** Where the server's binaries are unpacked. */
    Path runtime() {
        return dataDir.resolve("postgres-runtime");
    }

    /** The locked data directory's PostgreSQL part, with a server a killed hub left running on it stopped. */
    static EmbeddedPostgresDirectory claim(DataDirectoryLock lock) throws IOException {
        EmbeddedPostgresDirectory claimed = new EmbeddedPostgresDirectory(lock.hold());
        stopOrphan(claimed.pgData());
        return claimed;
    }

    private static void stopOrphan(Path pgData) throws IOException {
        Optional<ProcessHandle> orphan = postmaster(pgData);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle server = orphan.get();
        log.warn("A PostgreSQL server (pid {}) is still running on {}, left by a hub that was killed; stopping it",
                server.pid(), pgData);
        server.destroy();
        try {
            server.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the PostgreSQL server left running on " + pgData + " (pid "
                    + server.pid() + ") did not stop within " + STOP_SECONDS + " s; stop it, then start the hub");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL server left on " + pgData, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The live server named by {@code postmaster.pid}, if it is a PostgreSQL serving this very directory: a stale
     * file, or a pid since reused by another program, names none.
     */
    private static Optional<ProcessHandle> postmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        Path directory = pgData.toAbsolutePath().normalize();
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(Arrays::asList)
                        .map(arguments -> arguments.stream().anyMatch(a -> samePath(a, directory)))
                        .orElse(false));
    }

    private static boolean samePath(String argument, Path directory) {
        try {
            return Path.of(argument).toAbsolutePath().normalize().equals(directory);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
