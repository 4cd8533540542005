package org.babylab.runtime.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Content hashes of data files, remembered so that planning the same corpus twice reads it once.
 *
 * <p>A hash is reused while the file's identity is unchanged: its absolute path, size, modification
 * time (nanosecond resolution where the file system keeps it) and file key (device and inode, so a
 * file replaced by a rename is hashed again), the same shortcut DVC and make take.
 * Hashes live in memory (Caffeine) and on disk under the store's {@code hashes/} directory, one
 * small JSON file per path, each replaced atomically, so several processes can share them without
 * locking. Thread-safe.
 */
public final class FileHasher {
    /** What the disk cache stores for one file. */
    record HashRecord(String path, long size, long mtimeNanos, String fileKey, String sha256) {}

    private record Stamp(String path, long size, long mtimeNanos, String fileKey) {}

    private final Path dir;
    private final Cache<Stamp, String> memory =
            Caffeine.newBuilder().maximumSize(100_000).build();
    private final AtomicLong filesRead = new AtomicLong();

    /** @param dir where hash records are persisted; created on first use */
    public FileHasher(Path dir) {
        this.dir = dir;
    }

    /**
     * The SHA-256 of {@code file}'s content.
     *
     * @throws IOException naming the file when it is missing or unreadable
     */
    public String hash(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IOException("data file " + abs + " does not exist", e);
        }
        if (!attrs.isRegularFile()) {
            throw new IOException("data file " + abs + " is not a regular file");
        }
        Object fileKey = attrs.fileKey();
        Stamp stamp = new Stamp(
                abs.toString(),
                attrs.size(),
                attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                fileKey == null ? "" : fileKey.toString());
        try {
            return memory.get(stamp, this::loadOrCompute);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Records that {@code file}, as it is now, has content hash {@code sha256} (known because the
     * caller just computed it), so the next {@link #hash} of the unchanged file reads nothing.
     */
    public void remember(Path file, String sha256) throws IOException {
        Stamp stamp = stamp(file.toAbsolutePath().normalize());
        memory.put(stamp, sha256);
        AtomicFiles.writeJson(
                dir.resolve(Sha256.ofString(stamp.path()) + ".json"),
                new HashRecord(stamp.path(), stamp.size(), stamp.mtimeNanos(), stamp.fileKey(), sha256));
    }

    private static Stamp stamp(Path abs) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(abs, BasicFileAttributes.class);
        Object fileKey = attrs.fileKey();
        return new Stamp(
                abs.toString(),
                attrs.size(),
                attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                fileKey == null ? "" : fileKey.toString());
    }

    /** How many files were actually read (not answered from a cache) by this instance; for tests and diagnostics. */
    public long filesRead() {
        return filesRead.get();
    }

    private String loadOrCompute(Stamp stamp) {
        Path record = dir.resolve(Sha256.ofString(stamp.path()) + ".json");
        try {
            if (Files.isRegularFile(record)) {
                HashRecord r = Json.read(record, HashRecord.class);
                if (r.path().equals(stamp.path())
                        && r.size() == stamp.size()
                        && r.mtimeNanos() == stamp.mtimeNanos()
                        && stamp.fileKey().equals(r.fileKey())) {
                    return r.sha256();
                }
            }
        } catch (IOException e) {
            // A damaged cache record is only a lost shortcut: fall through and hash the file again.
        }
        try {
            String sha = Sha256.ofFile(Path.of(stamp.path()));
            filesRead.incrementAndGet();
            AtomicFiles.writeJson(
                    record, new HashRecord(stamp.path(), stamp.size(), stamp.mtimeNanos(), stamp.fileKey(), sha));
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
