package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store's index: key documents by key, and the keys each step name has had. Every record is a
 * separate file written atomically, so concurrent processes never need to coordinate. Thread-safe.
 *
 * <p>Layout: {@code index/keys/<k0k1>/<key>.json} holds a {@link KeyDocument};
 * {@code index/names/<sha256(name)>/<key>.json} holds a {@link RunRecord}.
 */
public final class KeyIndex {
    private final Path keys;
    private final Path names;

    KeyIndex(Path root) {
        this.keys = root.resolve("keys");
        this.names = root.resolve("names");
    }

    /** Remembers the document behind {@code key} (a step key or a source fingerprint). */
    public void recordDocument(String key, KeyDocument document) throws IOException {
        Path file = documentFile(key);
        if (!Files.exists(file)) {
            AtomicFiles.writeJson(file, document);
        }
    }

    /** The document behind {@code key}, if it was ever recorded. */
    public Optional<KeyDocument> document(String key) {
        Path file = documentFile(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(file, KeyDocument.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records that {@code run.name()} was published under {@code run.key()}. */
    public void recordRun(RunRecord run) throws IOException {
        AtomicFiles.writeJson(names.resolve(Sha256.ofString(run.name())).resolve(run.key() + ".json"), run);
    }

    /** Every recorded key of a step name, newest first. */
    public List<RunRecord> history(String name) {
        Path dir = names.resolve(Sha256.ofString(name));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .toList()) {
                try {
                    out.add(Json.read(f, RunRecord.class));
                } catch (IOException e) {
                    // An unreadable index record only loses history; the entries themselves are intact.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        // Compare as instants: ISO strings with different numbers of fraction digits do not sort as text.
        out.sort(Comparator.comparing((RunRecord r) -> parseInstant(r.recordedAt()))
                .reversed());
        return out;
    }

    /** The newest record for a step name. */
    public Optional<RunRecord> latest(String name) {
        List<RunRecord> h = history(name);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(0));
    }

    /** Every key whose document was recorded, starting with {@code prefix}. */
    public List<String> keysStartingWith(String prefix) {
        if (prefix.length() < 2) {
            return List.of();
        }
        Path dir = keys.resolve(prefix.substring(0, 2));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && n.startsWith(prefix))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path documentFile(String key) {
        return keys.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    private static java.time.Instant parseInstant(String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (RuntimeException e) {
            return java.time.Instant.EPOCH;
        }
    }
}
