package org.babylab.plugins.llama.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.babylab.plugins.llama.hf.Safetensors;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * The resumable state of a training run ({@code causal-lm}, or one {@code instruction-tune} phase;
 * the file name is the same for both, each step having its own directory) in one safetensors file: the weights
 * ({@code param/<name>}), the AdamW moments ({@code m/<name>}, {@code v/<name>}) and, in the
 * metadata, the optimiser step (which fixes the data position, since batch order is a function of
 * the seed and the step), the seed and a fingerprint of the training data.
 *
 * <p>Written to a temporary file, forced to disk and renamed over the previous checkpoint, so a
 * crash at any moment leaves either the old or the new checkpoint, never a torn one.
 */
public final class TrainingCheckpoint {
    public static final String FILE_NAME = "causal-lm.safetensors";
    /**
     * Where a checkpoint is written before the atomic rename: a hidden name, so whoever watches the
     * directory for a checkpoint (the runtime, tests) sees only finished ones.
     */
    public static final String TEMP_FILE_NAME = "." + FILE_NAME + ".tmp";

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
        Path tmp = dir.resolve(TEMP_FILE_NAME);
        Safetensors.write(tmp, shapes, meta, name -> name.startsWith("param/")
                ? model.parameterValues(name.substring("param/".length()))
                : moments.get(name));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Restores weights and optimiser state from {@code dir} when a checkpoint is there.
     *
     * @return the recorded state, or null when there is no checkpoint
     * @throws IOException naming the file when the checkpoint belongs to other data or another seed,
     *     or misses a tensor
     */
    public static State restore(Path dir, LlamaModel model, AdamW optimizer, long seed, String dataFingerprint) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (Safetensors.Reader r = Safetensors.open(file)) {
            Map<String, String> meta = r.metadata();
            State s;
            try {
                s = new State(Long.parseLong(meta.get("step")), Long.parseLong(meta.get("seed")), meta.get("data"),
                        Double.parseDouble(meta.getOrDefault("last_loss", "NaN")));
            } catch (RuntimeException e) {
                throw new IOException("checkpoint " + file + " has unreadable metadata " + meta, e);
            }
            if (s.seed() != seed || !dataFingerprint.equals(s.dataFingerprint())) {
                throw new IOException("checkpoint " + file + " was written for seed " + s.seed() + " and data " + s.dataFingerprint()
                        + ", but this run has seed " + seed + " and data " + dataFingerprint + "; delete it to start over");
            }
            for (Map.Entry<String, ai.djl.ndarray.NDArray> e : model.parameters().entrySet()) {
                e.getValue().set(java.nio.FloatBuffer.wrap(r.read("param/" + e.getKey()).data()));
            }
            for (String key : optimizer.stateShapes().keySet()) {
                optimizer.importState(key, r.read(key).data());
            }
            optimizer.restoreSteps(s.step());
            return s;
        }
    }
}
