package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and removes what no experiment references: entries and checkpoints of keys outside a keep
 * set, their logs and failure records, and damaged entries moved aside earlier. Entries whose lock
 * is held (being computed or read by a launcher) are left alone. Not thread-safe; one per command.
 */
public final class StoreCollector {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    /**
     * One thing that can be removed.
     *
     * @param path the file or directory
     * @param what a short description (the step name when known)
     * @param bytes its size on disk
     */
    public record Garbage(Path path, String what, long bytes) {}

    private final Store store;

    public StoreCollector(Store store) {
        this.store = store;
    }

    /** Everything that is not needed by the steps in {@code keep}, largest first. */
    public List<Garbage> scan(Set<String> keep) throws IOException {
        List<Garbage> out = new ArrayList<>();
        for (String key : store.keys()) {
            if (!keep.contains(key)) {
                out.add(new Garbage(
                        store.entryDir(key),
                        "entry " + key.substring(0, 12) + stepName(key),
                        size(store.entryDir(key))));
            }
        }
        for (Path p : list(store.root().resolve("checkpoints"))) {
            String key = p.getFileName().toString();
            if (KEY.matcher(key).matches() && !keep.contains(key)) {
                out.add(new Garbage(p, "checkpoint " + key.substring(0, 12), size(p)));
            }
        }
        for (Path p : list(store.root().resolve("damaged"))) {
            out.add(new Garbage(p, "damaged entry moved aside " + p.getFileName(), size(p)));
        }
        for (String sub : List.of("logs", "failures")) {
            for (Path p : list(store.root().resolve(sub))) {
                String name = p.getFileName().toString();
                int dot = name.indexOf('.');
                String key = dot < 0 ? name : name.substring(0, dot);
                if (KEY.matcher(key).matches() && !keep.contains(key)) {
                    out.add(new Garbage(p, sub.substring(0, sub.length() - 1) + " " + key.substring(0, 12), size(p)));
                }
            }
        }
        out.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return out;
    }

    /**
     * Removes {@code garbage} (as returned by {@link #scan}): each directory is first renamed out of
     * sight, so a crash never leaves half an entry visible. Entries being computed or locked are skipped.
     *
     * @return the bytes freed
     */
    public long remove(List<Garbage> garbage) throws IOException {
        long freed = 0;
        for (Garbage g : garbage) {
            Path p = g.path();
            String name = p.getFileName().toString();
            StepLock lock = KEY.matcher(name).matches() ? store.tryLock(name) : null;
            if (KEY.matcher(name).matches() && lock == null) {
                continue; // someone is computing or publishing this key right now
            }
            try {
                if (Files.isDirectory(p)) {
                    Path hidden = store.root().resolve("tmp").resolve("gc-" + UUID.randomUUID());
                    AtomicFiles.move(p, hidden);
                    AtomicFiles.deleteTree(hidden);
                } else {
                    Files.deleteIfExists(p);
                }
                freed += g.bytes();
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
        return freed;
    }

    /** The step name from the entry's metadata, unverified (this is only a label). */
    private String stepName(String key) {
        try {
            return " ("
                    + Json.read(store.entryDir(key).resolve("metadata.json"), EntryMetadata.class)
                            .stepName() + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static long size(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }
}
