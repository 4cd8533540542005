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
 * <p>Integrity: nothing damaged is ever served. {@link #isComplete} and every read path built on it
 * ({@link #metadata}, {@link #verifiedOutput}) check the entry against its manifest (size and
 * SHA-256 of every output file, no file missing or added, metadata parseable and for this key).
 * Verified hashes are remembered by file identity (path, size, modification time, inode), in memory
 * and under {@code hashes/}, so checking an unchanged entry again costs one {@code stat} per file. A
 * damaged entry is moved aside to {@code damaged/<key>-<time>/}, reported to the
 * {@linkplain #onDamage damage listeners}, and from then on is simply absent: the step is computed
 * again. {@link #verify} re-reads every byte regardless of the cache (for {@code babylab verify}).
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
    private final FileHasher entryHasher;
    private final List<java.util.function.Consumer<DamagedEntry>> damageListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RecordCounts recordCounts;
    private final KeyIndex index;

    /**
     * Opens (and creates, when missing) the store at {@code root}.
     *
     * @throws IllegalArgumentException naming the path when it exists but is not a directory
     * @throws UncheckedIOException naming the path when it cannot be created
     */
    public Store(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("the store " + this.root
                    + " is a file, not a directory; give a directory " + "(it is created when missing)");
        }
        try {
            Files.createDirectories(this.root.resolve("entries"));
            Files.createDirectories(this.root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store at " + this.root + ": " + e.getMessage(), e);
        }
        this.hasher = new FileHasher(this.root.resolve("hashes"));
        this.entryHasher = new FileHasher(this.root.resolve("hashes"));
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

    /**
     * Calls {@code listener} (from any thread) for every damaged entry this store moves aside.
     *
     * @return removes the listener again
     */
    public Runnable onDamage(java.util.function.Consumer<DamagedEntry> listener) {
        damageListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> damageListeners.remove(listener);
    }

    /**
     * True when {@code key} has a published entry that is intact. A damaged entry (a file changed,
     * truncated, missing or added; metadata unreadable) is moved aside and reported, and the answer
     * is false, so that the caller computes the step again.
     */
    public boolean isComplete(String key) {
        return intactMetadata(key).isPresent();
    }

    /**
     * The provenance of a complete, intact entry; empty when the entry is absent or was damaged (and
     * has now been moved aside).
     */
    public Optional<EntryMetadata> metadata(String key) {
        return intactMetadata(key);
    }

    /**
     * The output directory of {@code key}'s entry once it is verified intact: what every reader of
     * step outputs (later steps, results, reports) should use; empty when absent or damaged.
     */
    public Optional<Path> verifiedOutput(String key) {
        return intactMetadata(key).map(m -> outputDir(key));
    }

    private Optional<EntryMetadata> intactMetadata(String key) {
        Path file = entryDir(key).resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        EntryMetadata meta = readMetadata(key, problems);
        if (meta != null) {
            problems.addAll(compare(meta.manifest(), outputDir(key), true));
        }
        if (problems.isEmpty()) {
            return Optional.of(meta);
        }
        moveAside(key, meta, problems);
        return Optional.empty();
    }

    /** Parses the entry's metadata, or adds a line to {@code problems} and returns null. */
    private EntryMetadata readMetadata(String key, List<String> problems) {
        Path file = entryDir(key).resolve(METADATA);
        try {
            EntryMetadata meta = Json.read(file, EntryMetadata.class);
            if (!key.equals(meta.key())) {
                problems.add("metadata.json: describes key " + meta.key() + ", not this entry's");
                return null;
            }
            return meta;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            problems.add("metadata.json: unreadable (" + why + ")");
            return null;
        }
    }

    /**
     * Compares what is below {@code output} with {@code manifest}: one line per missing, changed or
     * unexpected file, sorted.
     */
    private List<String> compare(Map<String, String> manifest, Path output, boolean cached) {
        List<String> problems = new ArrayList<>();
        Map<String, Path> actual = new TreeMap<>();
        if (Files.isDirectory(output)) {
            try (Stream<Path> files = Files.walk(output)) {
                files.filter(Files::isRegularFile)
                        .forEach(f -> actual.put(
                                output.relativize(f).toString().replace(java.io.File.separatorChar, '/'), f));
            } catch (IOException | UncheckedIOException e) {
                problems.add("output/: unreadable (" + e.getMessage() + ")");
                return problems;
            }
        }
        manifest.forEach((name, sha) -> {
            Path f = actual.get(name);
            if (f == null) {
                problems.add("output/" + name + ": missing");
                return;
            }
            try {
                String now = cached ? entryHasher.hash(f) : Sha256.ofFile(f);
                if (!now.equals(sha)) {
                    problems.add("output/" + name + ": content changed (expected sha256 " + abbreviate(sha) + ", found "
                            + abbreviate(now) + ", " + Files.size(f) + " bytes)");
                }
            } catch (IOException e) {
                problems.add("output/" + name + ": unreadable (" + e.getMessage() + ")");
            }
        });
        actual.keySet().stream()
                .filter(f -> !manifest.containsKey(f))
                .forEach(f -> problems.add("output/" + f + ": not in the manifest"));
        problems.sort(null);
        return problems;
    }

    private static String abbreviate(String sha) {
        return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12) + "…";
    }

    /**
     * Moves a damaged entry to {@code damaged/} (one atomic rename, so no reader ever sees half of
     * it) and tells the listeners. When another thread or process holds the key's lock it is
     * recomputing the key and will replace the entry itself; nothing is moved then.
     */
    private void moveAside(String key, EntryMetadata meta, List<String> problems) {
        Path dir = entryDir(key);
        Path target = root.resolve("damaged")
                .resolve(key + "-" + Instant.now().toString().replace(':', '-'));
        try {
            StepLock lock = tryLock(key);
            if (lock == null) {
                return;
            }
            try (lock) {
                if (!Files.exists(dir)) {
                    return;
                }
                Files.createDirectories(target.getParent());
                AtomicFiles.move(dir, target);
            }
        } catch (IOException e) {
            // Could not move it (read-only store?): it is still reported and still not served.
            target = dir;
        }
        DamagedEntry damaged = new DamagedEntry(key, meta == null ? null : meta.stepName(), target, problems);
        damageListeners.forEach(l -> l.accept(damaged));
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
            throw new IllegalArgumentException(
                    "metadata for " + metadata.key() + " cannot publish attempt " + attempt.key());
        }
        EntryMetadata complete = metadata.withManifest(manifest(attempt.outputDir()));
        AtomicFiles.writeJson(attempt.dir().resolve(METADATA), complete);
        Path target = entryDir(attempt.key());
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            // Only an incomplete leftover (no metadata) or a damaged entry that could not be moved
            // aside can be here while we hold the lock. It was never served, so replace it.
            AtomicFiles.deleteTree(target);
        }
        AtomicFiles.move(attempt.dir(), target);
        // The manifest was just computed: remember it, so the first read does not hash the output again.
        for (Map.Entry<String, String> f : complete.manifest().entrySet()) {
            entryHasher.remember(target.resolve(OUTPUT).resolve(f.getKey()), f.getValue());
        }
        AtomicFiles.deleteTree(checkpointDir(attempt.key()));
        Files.deleteIfExists(failureFile(attempt.key()));
        index.recordDocument(attempt.key(), metadata.keyDocument());
        index.recordRun(
                new RunRecord(metadata.stepName(), attempt.key(), Instant.now().toString(), metadata.durationMillis()));
        return complete;
    }

    /** Deletes an attempt that will not be published (the step failed or was cancelled). */
    public void abandon(Attempt attempt) throws IOException {
        AtomicFiles.deleteTree(attempt.dir());
    }

    /**
     * Re-reads every byte of a complete entry's output files (ignoring the hash cache) and compares
     * them with its manifest; moves nothing.
     *
     * @throws IOException if the entry is not complete
     */
    public EntryCheck verify(String key) throws IOException {
        if (!Files.isRegularFile(entryDir(key).resolve(METADATA))) {
            throw new IOException("no complete store entry " + key);
        }
        List<String> problems = new ArrayList<>();
        EntryMetadata meta = readMetadata(key, problems);
        if (meta != null) {
            problems.addAll(compare(meta.manifest(), outputDir(key), false));
        }
        return new EntryCheck(key, problems);
    }

    /** Moves the entry of {@code key} aside as damaged (for {@code babylab verify --repair}), naming {@code problems}. */
    public void quarantine(String key, List<String> problems) {
        List<String> ignored = new ArrayList<>();
        moveAside(key, readMetadata(key, ignored), problems);
    }

    /** Keys of every complete entry in this store (those with metadata), sorted. */
    public List<String> keys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> shards = Files.list(root.resolve("entries"))) {
            for (Path shard : shards.filter(Files::isDirectory).toList()) {
                try (Stream<Path> entries = Files.list(shard)) {
                    entries.filter(e -> KEY.matcher(e.getFileName().toString()).matches())
                            .filter(e -> Files.isRegularFile(e.resolve(METADATA)))
                            .forEach(e -> keys.add(e.getFileName().toString()));
                }
            }
        }
        keys.sort(null);
        return keys;
    }

    /**
     * Like {@link #isComplete} but throws {@link CorruptEntryException}, naming the files, when the
     * entry was damaged (it has been moved aside: running again recomputes it), and an IOException
     * when it is absent.
     */
    public void requireIntact(String key) throws IOException {
        List<DamagedEntry> seen = new ArrayList<>();
        java.util.function.Consumer<DamagedEntry> catcher = d -> {
            if (d.key().equals(key)) {
                seen.add(d);
            }
        };
        damageListeners.add(catcher);
        try {
            if (isComplete(key)) {
                return;
            }
        } finally {
            damageListeners.remove(catcher);
        }
        if (!seen.isEmpty()) {
            throw new CorruptEntryException(
                    key, seen.get(0).movedTo(), seen.get(0).problems());
        }
        throw new IOException("no complete store entry " + key);
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
        return cleanStaleAttemptKeys().size();
    }

    /**
     * Like {@link #cleanStaleAttempts()}, returning the key of each stale attempt removed (with
     * repeats): steps whose launcher died in the middle of computing them.
     */
    public List<String> cleanStaleAttemptKeys() throws IOException {
        List<String> removed = new ArrayList<>();
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
                removed.add(m.group(1));
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
