package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The content-addressed store: a directory of complete step outputs keyed by their cache key.
 *
 * <p>Layout below {@link #root()}:
 * <ul>
 *   <li>{@code entries/<k0k1>/<key>/} complete entries: {@code output/} plus {@code metadata.json};</li>
 *   <li>{@code tmp/<key>-<uuid>/} attempts in progress;</li>
 *   <li>{@code locks/<key>.lock} one lock file per key;</li>
 *   <li>{@code checkpoints/<key>/} resumable state that survives crashes, removed on publish;</li>
 *   <li>{@code logs/<key>.log}, {@code failures/<key>.json}, {@code hashes/}, {@code index/}.</li>
 * </ul>
 *
 * <p>Completeness: an entry is complete only when its {@code metadata.json} exists, and it is
 * written last, inside the attempt's temp directory, before the whole directory is renamed into
 * place; a crash therefore leaves either nothing or a complete entry. Like Tango and DVC caches.
 *
 * <p>Thread-safe and safe for several processes sharing one directory: computing a key is
 * serialised by {@link #lock(String)}, and every other write is an atomic rename.
 */
public final class Store {
    static final String OUTPUT = "output";
    private static final String METADATA = "metadata.json";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ATTEMPT = Pattern.compile("([0-9a-f]{64})-[0-9a-f-]{36}");

    private final Path root;
    private final FileHasher hasher;
    private final RecordCounts recordCounts;
    private final KeyIndex index;

    /** Opens (and creates, when missing) the store at {@code root}. */
    public Store(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("entries"));
            Files.createDirectories(this.root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store at " + this.root + ": " + e.getMessage(), e);
        }
        this.hasher = new FileHasher(this.root.resolve("hashes"));
        this.recordCounts = new RecordCounts(this.root.resolve("counts"));
        this.index = new KeyIndex(this.root.resolve("index"));
    }

    public Path root() {
        return root;
    }

    /** Dataset record counts by fingerprint, cached in this store. */
    public RecordCounts recordCounts() {
        return recordCounts;
    }

    /** The content hasher whose cache lives in this store. */
    public FileHasher hasher() {
        return hasher;
    }

    /** Key documents and the name → keys history. */
    public KeyIndex index() {
        return index;
    }

    /** The directory of {@code key}'s entry (which may not exist). */
    public Path entryDir(String key) {
        requireKey(key);
        return root.resolve("entries").resolve(key.substring(0, 2)).resolve(key);
    }

    /** The output directory inside {@code key}'s entry. */
    public Path outputDir(String key) {
        return entryDir(key).resolve(OUTPUT);
    }

    public Path logFile(String key) {
        requireKey(key);
        return root.resolve("logs").resolve(key + ".log");
    }

    public Path checkpointDir(String key) {
        requireKey(key);
        return root.resolve("checkpoints").resolve(key);
    }

    /** True when {@code key} has a published entry with its metadata. */
    public boolean isComplete(String key) {
        return Files.isRegularFile(entryDir(key).resolve(METADATA));
    }

    /**
     * The provenance of a complete entry; empty when the entry is not complete.
     *
     * @throws UncheckedIOException naming the file when the metadata exists but cannot be parsed
     */
    public Optional<EntryMetadata> metadata(String key) {
        Path file = entryDir(key).resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(file, EntryMetadata.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for and takes the lock of {@code key}. Whoever holds it is the only one computing that key;
     * after acquiring, check {@link #isComplete} again, since the previous holder may have published it.
     */
    public StepLock lock(String key) throws IOException {
        return StepLock.acquire(lockFile(key));
    }

    /** Takes the lock of {@code key} if it is free; null when another thread or process holds it. */
    public StepLock tryLock(String key) throws IOException {
        return StepLock.tryAcquire(lockFile(key));
    }

    /** Starts an attempt at {@code key}: a fresh private temp directory with an empty {@code output/}. Hold the lock. */
    public Attempt begin(String key) throws IOException {
        requireKey(key);
        Path dir = root.resolve("tmp").resolve(key + "-" + UUID.randomUUID());
        Files.createDirectories(dir.resolve(OUTPUT));
        return new Attempt(key, dir);
    }

    /**
     * Publishes an attempt: hashes every output file into the manifest, writes {@code metadata.json}
     * last (atomically, fsynced), then renames the attempt directory into place in one atomic move.
     * Removes the key's checkpoints and failure record. Hold the lock.
     *
     * @return the metadata as written
     */
    public EntryMetadata publish(Attempt attempt, EntryMetadata metadata) throws IOException {
        if (!attempt.key().equals(metadata.key())) {
            throw new IllegalArgumentException("metadata for " + metadata.key() + " cannot publish attempt " + attempt.key());
        }
        EntryMetadata complete = metadata.withManifest(manifest(attempt.outputDir()));
        AtomicFiles.writeJson(attempt.dir().resolve(METADATA), complete);
        Path target = entryDir(attempt.key());
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            // Only an incomplete leftover (no metadata) can be here while we hold the lock: a copy
            // interrupted half-way, for instance. It was never considered complete, so replace it.
            AtomicFiles.deleteTree(target);
        }
        AtomicFiles.move(attempt.dir(), target);
        AtomicFiles.deleteTree(checkpointDir(attempt.key()));
        Files.deleteIfExists(failureFile(attempt.key()));
        index.recordDocument(attempt.key(), metadata.keyDocument());
        index.recordRun(new RunRecord(metadata.stepName(), attempt.key(), Instant.now().toString(), metadata.durationMillis()));
        return complete;
    }

    /** Deletes an attempt that will not be published (the step failed or was cancelled). */
    public void abandon(Attempt attempt) throws IOException {
        AtomicFiles.deleteTree(attempt.dir());
    }

    /**
     * Re-hashes a complete entry's output files and compares them with its manifest.
     *
     * @throws IOException if the entry is not complete or cannot be read
     */
    public EntryCheck verify(String key) throws IOException {
        EntryMetadata meta = metadata(key).orElseThrow(() -> new IOException("no complete store entry " + key));
        Map<String, String> actual = manifest(outputDir(key));
        List<String> problems = new ArrayList<>();
        meta.manifest().forEach((file, sha) -> {
            String now = actual.get(file);
            if (now == null) {
                problems.add("output/" + file + ": missing");
            } else if (!now.equals(sha)) {
                problems.add("output/" + file + ": content changed (expected sha256 " + sha.substring(0, 12) + "…, found " + now.substring(0, 12) + "…)");
            }
        });
        actual.keySet().stream().filter(f -> !meta.manifest().containsKey(f)).sorted()
                .forEach(f -> problems.add("output/" + f + ": not in the manifest"));
        problems.sort(null);
        return new EntryCheck(key, problems);
    }

    /** Like {@link #verify} but throws {@link CorruptEntryException}, naming the files, when the entry is damaged. */
    public void requireIntact(String key) throws IOException {
        EntryCheck check = verify(key);
        if (!check.ok()) {
            throw new CorruptEntryException(key, entryDir(key), check.problems());
        }
    }

    /** Records a failed attempt of {@code key} (kept until it succeeds). */
    public void recordFailure(FailureRecord failure) throws IOException {
        AtomicFiles.writeJson(failureFile(failure.key()), failure);
    }

    /** The last failure of {@code key} since it last succeeded, if any. */
    public Optional<FailureRecord> failure(String key) {
        Path f = failureFile(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(f, FailureRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes temp directories of attempts that nobody is working on any more (their launcher was
     * killed): an attempt is live exactly while its key's lock is held, so a free lock means stale.
     *
     * @return how many directories were removed
     */
    public int cleanStaleAttempts() throws IOException {
        int removed = 0;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            dirs = s.toList();
        }
        for (Path dir : dirs) {
            var m = ATTEMPT.matcher(dir.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            StepLock lock = tryLock(m.group(1));
            if (lock == null) {
                continue;
            }
            try (lock) {
                AtomicFiles.deleteTree(dir);
                removed++;
            }
        }
        return removed;
    }

    /** SHA-256 of every regular file below {@code dir}, by '/'-separated relative path, sorted. */
    static Map<String, String> manifest(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace(java.io.File.separatorChar, '/'), Sha256.ofFile(f));
            }
        }
        return out;
    }

    private Path lockFile(String key) {
        requireKey(key);
        return root.resolve("locks").resolve(key + ".lock");
    }

    private Path failureFile(String key) {
        requireKey(key);
        return root.resolve("failures").resolve(key + ".json");
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a store key (64 lower-case hex digits): " + key);
        }
    }
}
