package org.hiehub.hub.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The hub's data directory, held by one hub at a time: an OS file lock on {@code hub.lock}, which the OS lets go of
 * when the process dies however it dies. Each store the hub keeps there — the embedded PostgreSQL's data, the
 * embedded read store's file — takes it with {@link #hold()} before it opens anything, so a second hub started on the
 * same directory is refused with one message that says what to do, whichever store it would have opened first. A
 * hub whose stores are all external never takes it.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private final Path dataDir;
    private FileChannel channel;
    private FileLock lock;

    public DataDirectoryLock(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Locks the data directory for this process (once; creating it if missing) and returns it, absolute. */
    public synchronized Path hold() throws IOException {
        if (lock != null) {
            return dataDir;
        }
        Files.createDirectories(dataDir);
        Path lockFile = dataDir.resolve("hub.lock");
        FileChannel opened = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = opened.tryLock();
        } catch (OverlappingFileLockException e) { // another hub in this very JVM holds it
            taken = null;
        }
        if (taken == null) {
            opened.close();
            throw new IllegalStateException("another hub is running with data directory " + dataDir
                    + " (it holds " + lockFile + "); stop it, or give this one its own --hub.data-dir");
        }
        channel = opened;
        lock = taken;
        return dataDir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
            lock = null;
        }
    }
}
