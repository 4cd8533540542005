package org.babylab.runtime.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * How many records a dataset has, by its fingerprint: curricula need dataset sizes at plan time to
 * lay out their order manifests, and counting a large corpus on every {@code plan} would be slow.
 * A fingerprint hashes the data's content and the config that shapes the records, so a count stays
 * true for as long as its fingerprint. Kept in memory (Caffeine) and under the store's
 * {@code counts/} directory, one small JSON file per fingerprint written atomically. Thread-safe.
 */
public final class RecordCounts {
    record CountRecord(String fingerprint, long records) {}

    private final Path dir;
    private final Cache<String, Long> memory =
            Caffeine.newBuilder().maximumSize(10_000).build();

    /** @param dir where counts are persisted; created on first use */
    public RecordCounts(Path dir) {
        this.dir = dir;
    }

    /**
     * The count for {@code fingerprint}, from a cache or from {@code counter}, which is then remembered.
     *
     * @throws Exception what {@code counter} threw
     */
    public long count(String fingerprint, Callable<Long> counter) throws Exception {
        Long known = memory.getIfPresent(fingerprint);
        if (known != null) {
            return known;
        }
        Path file = dir.resolve(fingerprint + ".json");
        if (Files.isRegularFile(file)) {
            try {
                CountRecord r = Json.read(file, CountRecord.class);
                if (r.fingerprint().equals(fingerprint)) {
                    memory.put(fingerprint, r.records());
                    return r.records();
                }
            } catch (IOException | UncheckedIOException e) {
                // A damaged cache file is only a lost shortcut: count again below.
            }
        }
        long n = counter.call();
        memory.put(fingerprint, n);
        AtomicFiles.writeJson(file, new CountRecord(fingerprint, n));
        return n;
    }
}
