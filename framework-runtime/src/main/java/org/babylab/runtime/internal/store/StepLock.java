package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock on one key, held across threads and processes while its step is computed.
 *
 * <p>Two layers: an OS file lock ({@link FileChannel#lock()}) excludes other processes, and a
 * per-file semaphore excludes other threads of this JVM, because the JVM owns file locks per process
 * and would throw {@link java.nio.channels.OverlappingFileLockException} instead of waiting. A
 * semaphore rather than a reentrant lock, since the same thread must not re-enter either. The OS
 * releases the file lock if the process dies, so a killed launcher never blocks the next one.
 * Close exactly once.
 */
public final class StepLock implements AutoCloseable {
    private static final ConcurrentMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore semaphore;
    private final FileChannel channel;
    private final FileLock lock;

    private StepLock(Semaphore semaphore, FileChannel channel, FileLock lock) {
        this.semaphore = semaphore;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until the lock on {@code file} is free, then takes it. */
    static StepLock acquire(Path file) throws IOException {
        Semaphore s = semaphore(file);
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + file, e);
        }
        FileChannel ch = null;
        try {
            ch = open(file);
            return new StepLock(s, ch, ch.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            s.release();
            throw e;
        }
    }

    /** Takes the lock if nobody holds it, else returns null. */
    static StepLock tryAcquire(Path file) throws IOException {
        Semaphore s = semaphore(file);
        if (!s.tryAcquire()) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = open(file);
            FileLock l = ch.tryLock();
            if (l == null) {
                closeQuietly(ch);
                s.release();
                return null;
            }
            return new StepLock(s, ch, l);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            s.release();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            semaphore.release();
        }
    }

    private static Semaphore semaphore(Path file) {
        return IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Semaphore(1));
    }

    private static FileChannel open(Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing; the original error is the one worth reporting
            }
        }
    }
}
