package org.babylab.toolkit.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Task data prepared once and shared by every model it scores. The runtime creates one evaluator per
 * evaluation step, that is per model ({@code EvaluatorFactory.create} runs again for each model of
 * {@code evaluate.on}), so an evaluator that reads and parses its data in {@code create} or
 * {@code evaluate} does so once per model. A factory that keeps one {@code PreparedData} in a field
 * and asks it for the data prepares it once per task instead:
 * <pre>{@code
 * private final PreparedData<List<Item>> items = new PreparedData<>();
 * ...
 * List<Item> list = items.get(config, List.of(file), () -> Items.read(file));
 * }</pre>
 *
 * <p>A value is reused while its key is equal (a config record, plus the base directory when paths are
 * relative to it) and every file still has the size and modification time it had when the value was
 * prepared: editing the data prepares it again, as the cache key of the step does. Values must be
 * immutable, since steps running at the same time share them. Two steps that ask for the same data at
 * once wait for one preparation; a preparation that fails is not kept, so the next step tries again
 * and reports its own error. At most {@code capacity} values are held (the least recently used is
 * dropped), so a study with many tasks does not keep all their data. Thread-safe.
 *
 * @param <V> the prepared data, immutable
 */
public final class PreparedData<V> {
    /** The default number of values held. */
    public static final int DEFAULT_CAPACITY = 4;

    /** Makes the value; may read files and throw. */
    @FunctionalInterface
    public interface Preparation<V> {
        V prepare() throws IOException;
    }

    private record Key(Object key, List<Path> files, List<String> stamps) {}

    private final int capacity;
    private final Map<Key, CompletableFuture<V>> values;
    private long preparations;

    /** Holds up to {@link #DEFAULT_CAPACITY} values. */
    public PreparedData() {
        this(DEFAULT_CAPACITY);
    }

    /** Holds up to {@code capacity} values, >= 1. */
    public PreparedData(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.values = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * The value for {@code key} and {@code files}, prepared by {@code preparation} unless an equal key
     * over unchanged files was prepared before.
     *
     * @param key what besides the files' content decides the value (e.g. the config record), non-null,
     *     with value-based {@code equals}
     * @param files the files the value is read from; a missing one is an error naming it
     * @throws IOException from the preparation, or naming a file that cannot be read
     */
    public V get(Object key, List<Path> files, Preparation<V> preparation) throws IOException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(preparation, "preparation");
        Key k = new Key(key, List.copyOf(files), stamps(files));
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing;
        synchronized (values) {
            existing = values.get(k);
            if (existing == null) {
                values.put(k, mine);
                preparations++;
                while (values.size() > capacity) {
                    values.remove(values.keySet().iterator().next());
                }
            }
        }
        if (existing != null) {
            return await(existing);
        }
        try {
            V value = Objects.requireNonNull(preparation.prepare(), "the preparation returned null");
            mine.complete(value);
            return value;
        } catch (IOException | RuntimeException | Error e) {
            synchronized (values) {
                values.remove(k, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many times a value was prepared (not reused) so far; for logs and tests. */
    public long preparations() {
        synchronized (values) {
            return preparations;
        }
    }

    private static List<String> stamps(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>(files.size());
        for (Path f : files) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(f, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(f.toString(), null, "no such data file");
            }
            out.add(a.size() + "@" + a.lastModifiedTime());
        }
        return out;
    }

    private static <V> V await(CompletableFuture<V> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while another step prepared the same data", e);
        } catch (ExecutionException e) {
            // The step that prepared it reports the failure itself; this one reports the same cause.
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
