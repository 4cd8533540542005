package org.babylab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.Store;
import org.babylab.runtime.internal.store.StoreCollector;

/**
 * A store opened for upkeep without an experiment ({@link BabyLab#openStore()}): checking every
 * entry byte for byte, and finding and removing what no experiment references. Safe to use while
 * runs use the same store: nothing a run holds a lock on is removed.
 *
 * <p>Added in API 0.6.
 */
public final class StoreMaintenance {
    private final BabyLab lab;
    private final Store store;

    StoreMaintenance(BabyLab lab, Store store) {
        this.lab = lab;
        this.store = store;
    }

    /**
     * Something no given experiment references: an entry, a checkpoint directory, a log, a damaged entry.
     *
     * @param path where it is
     * @param what one line for a user: its kind, step name and key
     * @param bytes its size on disk
     */
    public record Garbage(Path path, String what, long bytes) {
        public Garbage {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(what, "what");
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
            }
        }
    }

    /** The store's root directory, absolute. */
    public Path root() {
        return store.root();
    }

    /** The keys of every complete entry. */
    public List<String> keys() throws IOException {
        return store.keys();
    }

    /**
     * Re-reads every byte of entry {@code key} (ignoring the hash cache, so silent bit rot is found)
     * and compares it with the entry's manifest.
     *
     * @return one line per damaged or missing file, naming it; empty when the entry is intact
     */
    public List<String> verify(String key) throws IOException {
        return store.verify(key).problems();
    }

    /** Moves entry {@code key} aside into {@code damaged/}, recording {@code problems}; the next run computes it again. */
    public void quarantine(String key, List<String> problems) {
        store.quarantine(key, problems);
    }

    /**
     * The experiment files the store's entries were computed for that still exist, absolute. An
     * entry whose metadata cannot be read names none ({@link #verify} reports it as damaged).
     */
    public Set<Path> recordedExperiments() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String key : store.keys()) {
            try {
                EntryMetadata m = Json.read(store.entryDir(key).resolve("metadata.json"), EntryMetadata.class);
                if (m.experiment() != null && m.experiment().file() != null) {
                    Path f = Path.of(m.experiment().file()).toAbsolutePath().normalize();
                    if (Files.isRegularFile(f)) {
                        out.add(f);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Unreadable metadata: that entry names no experiment (verify reports it as damaged).
            }
        }
        return out;
    }

    /**
     * The keys of every step of the experiment in {@code file} (without overrides), which
     * {@link #garbage} keeps.
     *
     * @throws ExperimentException when the file no longer loads: an experiment that does not load
     *     keeps nothing alive, and refusing is safer than guessing
     */
    public Set<String> stepKeys(Path file) {
        Study study = new Study(
                lab,
                new org.babylab.runtime.internal.dsl.ExperimentLoader(lab.plugins(), lab.environment())
                        .load(file, List.of()),
                store,
                List.of());
        Set<String> keys = new LinkedHashSet<>();
        study.plan().steps().forEach(s -> keys.add(s.key()));
        return keys;
    }

    /** Everything in the store that none of {@code keep} needs: entries, checkpoints, logs, damaged entries. */
    public List<Garbage> garbage(Set<String> keep) throws IOException {
        return new StoreCollector(store)
                .scan(keep).stream()
                        .map(g -> new Garbage(g.path(), g.what(), g.bytes()))
                        .toList();
    }

    /**
     * Removes {@code garbage} (as {@link #garbage} listed it).
     *
     * @return the bytes freed
     */
    public long remove(List<Garbage> garbage) throws IOException {
        return new StoreCollector(store)
                .remove(garbage.stream()
                        .map(g -> new StoreCollector.Garbage(g.path(), g.what(), g.bytes()))
                        .toList());
    }
}
