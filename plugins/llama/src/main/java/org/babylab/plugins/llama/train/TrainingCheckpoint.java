package org.babylab.plugins.llama.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.babylab.plugins.llama.hf.Safetensors;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * The resumable state of a training run ({@code causal-lm}, or one {@code instruction-tune} phase;
 * the file name is the same for both, each step having its own directory) in one safetensors file: the weights
 * ({@code param/<name>}), the AdamW moments ({@code m/<name>}, {@code v/<name>}) and, in the
 * metadata, the optimiser step (which fixes the data position, since batch order is a function of
 * the seed and the step), the seed and a fingerprint of the training data.
 *
 * <p>Written to a temporary file, forced to disk and renamed into place, so a crash at any moment
 * leaves either the old or the new checkpoint, never a torn one. The one it replaces is kept as
 * {@value #PREVIOUS_FILE_NAME}. Each checkpoint carries the SHA-256 of its tensor bytes in its
 * metadata ({@code data_sha256}); {@link #restore} checks it, and a checkpoint that fails the check
 * (flipped bits, truncation, an unreadable header) is discarded with a message (renamed to
 * {@code *.damaged}) and the previous one is tried, then the start: damaged weights are never
 * trained on and published.
 */
public final class TrainingCheckpoint {
    public static final String FILE_NAME = "causal-lm.safetensors";
    /**
     * Where a checkpoint is written before the atomic rename: a hidden name, so whoever watches the
     * directory for a checkpoint (the runtime, tests) sees only finished ones.
     */
    public static final String TEMP_FILE_NAME = "." + FILE_NAME + ".tmp";
    /** The checkpoint before the latest one: the fallback when the latest is damaged. */
    public static final String PREVIOUS_FILE_NAME = "causal-lm.previous.safetensors";

    private static final String CHECKSUM = "data_sha256";
    private static final String PLACEHOLDER = "0".repeat(64);

    private TrainingCheckpoint() {}

    /** What the metadata records. */
    public record State(long step, long seed, String dataFingerprint, double lastLoss) {}

    /** Writes atomically into {@code dir}. */
    public static void write(Path dir, LlamaModel model, AdamW optimizer, State state) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        model.architecture().parameterShapes().forEach((k, s) -> shapes.put("param/" + k, s));
        shapes.putAll(optimizer.stateShapes());
        Map<String, float[]> moments = optimizer.exportState();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("step", Long.toString(state.step()));
        meta.put("seed", Long.toString(state.seed()));
        meta.put("data", state.dataFingerprint());
        meta.put("last_loss", Double.toString(state.lastLoss()));
        meta.put(CHECKSUM, PLACEHOLDER);
        Path tmp = dir.resolve(TEMP_FILE_NAME);
        Safetensors.write(
                tmp,
                shapes,
                meta,
                name -> name.startsWith("param/")
                        ? model.parameterValues(name.substring("param/".length()))
                        : moments.get(name));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // The header is written before the data, so its checksum is filled in afterwards, in place.
            long headerLen = headerLength(ch);
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            int at = indexOf(header.array(), PLACEHOLDER.getBytes(StandardCharsets.US_ASCII));
            if (at < 0) {
                throw new IOException("checkpoint " + tmp + ": no checksum field in the header just written");
            }
            ch.write(ByteBuffer.wrap(dataSha256(ch, 8 + headerLen).getBytes(StandardCharsets.US_ASCII)), 8 + at);
            ch.force(true);
        }
        Path current = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(current)) {
            Files.move(
                    current,
                    dir.resolve(PREVIOUS_FILE_NAME),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Why {@code file} cannot be trusted (checksum mismatch, truncation, unreadable header), or null
     * when its tensor bytes match the checksum in its metadata. A checkpoint without a checksum
     * (written before checksums existed) is accepted.
     */
    public static String damage(Path file) {
        try (Safetensors.Reader r = Safetensors.open(file)) {
            for (String name : r.names()) {
                r.shape(name); // parses every entry: offsets beyond the end mean truncation
            }
            String expected = r.metadata().get(CHECKSUM);
            if (expected == null) {
                return null;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                String actual = dataSha256(ch, 8 + headerLength(ch));
                return actual.equals(expected)
                        ? null
                        : "its tensor data has sha256 " + actual.substring(0, 12) + "…, its header records "
                                + expected.substring(0, Math.min(12, expected.length())) + "…";
            }
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static long headerLength(FileChannel ch) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long n = len.flip().getLong();
        if (n <= 0 || n > ch.size() - 8 || n > Integer.MAX_VALUE) {
            throw new IOException("header length " + n + " does not fit a file of " + ch.size() + " bytes");
        }
        return n;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static String dataSha256(FileChannel ch, long from) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = from;
        while (true) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
            buf.flip();
            md.update(buf);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Restores weights and optimiser state from {@code dir} when a checkpoint is there.
     *
     * @return the recorded state, or null when there is no checkpoint
     * @throws IOException naming the file when the checkpoint belongs to other data or another seed,
     *     or misses a tensor
     */
    public static State restore(Path dir, LlamaModel model, AdamW optimizer, long seed, String dataFingerprint)
            throws IOException {
        return restore(dir, model, optimizer, seed, dataFingerprint, message -> System.err.println(message));
    }

    /**
     * Like {@link #restore(Path, LlamaModel, AdamW, long, String)}, but first checks the latest
     * checkpoint's checksum: a damaged one is renamed {@code *.damaged}, {@code log} says so, and the
     * previous checkpoint is tried; when none is intact, training starts over (null).
     */
    public static State restore(
            Path dir, LlamaModel model, AdamW optimizer, long seed, String dataFingerprint, Consumer<String> log)
            throws IOException {
        for (String name : new String[] {FILE_NAME, PREVIOUS_FILE_NAME}) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String why = damage(file);
            if (why == null) {
                return restoreFrom(file, model, optimizer, seed, dataFingerprint);
            }
            Path aside = dir.resolve(name + ".damaged");
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.accept("checkpoint " + file + " is damaged (" + why + "); discarded (kept as " + aside.getFileName()
                    + "), "
                    + (name.equals(FILE_NAME) && Files.isRegularFile(dir.resolve(PREVIOUS_FILE_NAME))
                            ? "resuming from the previous checkpoint"
                            : "training starts from the beginning"));
        }
        return null;
    }

    private static State restoreFrom(Path file, LlamaModel model, AdamW optimizer, long seed, String dataFingerprint)
            throws IOException {
        try (Safetensors.Reader r = Safetensors.open(file)) {
            Map<String, String> meta = r.metadata();
            State s;
            try {
                s = new State(
                        Long.parseLong(meta.get("step")),
                        Long.parseLong(meta.get("seed")),
                        meta.get("data"),
                        Double.parseDouble(meta.getOrDefault("last_loss", "NaN")));
            } catch (RuntimeException e) {
                throw new IOException("checkpoint " + file + " has unreadable metadata " + meta, e);
            }
            if (s.seed() != seed || !dataFingerprint.equals(s.dataFingerprint())) {
                throw new IOException("checkpoint " + file + " was written for seed " + s.seed() + " and data "
                        + s.dataFingerprint() + ", but this run has seed " + seed + " and data " + dataFingerprint
                        + "; delete it to start over");
            }
            for (Map.Entry<String, ai.djl.ndarray.NDArray> e :
                    model.parameters().entrySet()) {
                e.getValue()
                        .set(java.nio.FloatBuffer.wrap(
                                r.read("param/" + e.getKey()).data()));
            }
            for (String key : optimizer.stateShapes().keySet()) {
                optimizer.importState(key, r.read(key).data());
            }
            optimizer.restoreSteps(s.step());
            return s;
        }
    }
}
