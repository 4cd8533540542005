package org.babylab.plugins.llama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.babylab.api.model.Generation;
import org.babylab.api.model.GenerationConfig;

/**
 * Batched generation for a {@link LlamaModel}. Prompts of different lengths are left-padded to the
 * longest: row {@code i} has {@code pad[i]} padding columns that no token attends to (a padding
 * column attends to itself only, so its softmax stays defined), and its real tokens take positions
 * {@code 0, 1, ...} from its first real column, so a prompt gets the same logits whatever shares
 * its batch. With the cache, the prompts run once (prefill) and every later step feeds one token per
 * row; without it, every step runs the model over all columns so far and reads the last one.
 * Sampling happens on the host in double precision ({@link Sampling}). Rows that have finished keep
 * being fed (their outputs are ignored), so all rows stay aligned. One instance per call.
 */
final class LlamaGenerator {
    private final LlamaModel model;
    private final boolean cached;

    LlamaGenerator(LlamaModel model, boolean cached) {
        this.model = model;
        this.cached = cached;
    }

    List<Generation> generate(List<int[]> prompts, GenerationConfig config) {
        int b = prompts.size();
        if (b == 0) {
            return List.of();
        }
        int longest = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        if (longest + config.maxNewTokens() > model.maxSequenceLength()) {
            throw new IllegalArgumentException("a prompt of " + longest + " tokens plus max_new_tokens "
                    + config.maxNewTokens() + " exceeds the model's max_length " + model.maxSequenceLength()
                    + "; shorten the prompts or lower max_new_tokens");
        }
        int[] pad = new int[b];
        for (int i = 0; i < b; i++) {
            pad[i] = longest - prompts.get(i).length;
        }
        OptionalInt eos = model.tokenizer().eosId();
        SplittableRandom[] random = new SplittableRandom[b];
        for (int i = 0; i < b; i++) {
            random[i] = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + i);
        }
        List<List<Integer>> out = new ArrayList<>();
        Generation.Finish[] finish = new Generation.Finish[b];
        String[] text = new String[b];
        for (int i = 0; i < b; i++) {
            out.add(new ArrayList<>());
        }
        // columns[i] holds every token of row i so far, padding (id 0) included.
        long[][] columns = new long[b][longest + config.maxNewTokens()];
        for (int i = 0; i < b; i++) {
            int[] p = prompts.get(i);
            for (int j = 0; j < p.length; j++) {
                columns[i][pad[i] + j] = p[j];
            }
        }
        int vocab = model.architecture().vocabSize();
        int usable = model.tokenizer().vocabSize();
        try (NDManager gm = model.manager().newSubManager();
                LlamaModel.KvCache cache = cached ? model.newCache() : null) {
            int length = longest;
            for (int step = 0; step < config.maxNewTokens(); step++) {
                float[] last;
                try (NDScope scope = new NDScope();
                        NDManager sm = gm.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    int from = cached && step > 0 ? length - 1 : 0;
                    NDArray logits = forward(sm, columns, pad, from, length, cache);
                    int t = (int) logits.getShape().get(1);
                    last = logits.get(new NDIndex(":, " + (t - 1)))
                            .toType(DataType.FLOAT32, false)
                            .toFloatArray();
                }
                boolean allDone = true;
                for (int i = 0; i < b; i++) {
                    if (finish[i] != null) {
                        columns[i][length] = columns[i][length - 1];
                        continue;
                    }
                    float[] row = Arrays.copyOfRange(last, i * vocab, i * vocab + usable);
                    int next = config.isGreedy() ? Sampling.argmax(row) : Sampling.sample(row, config, random[i]);
                    columns[i][length] = next;
                    out.get(i).add(next);
                    int[] ids = out.get(i).stream().mapToInt(Integer::intValue).toArray();
                    String decoded = model.tokenizer().decode(ids);
                    int stopAt = firstStop(decoded, config.stopStrings());
                    if (config.stopAtEos() && eos.isPresent() && next == eos.getAsInt()) {
                        finish[i] = Generation.Finish.EOS;
                        text[i] = stopAt >= 0 ? decoded.substring(0, stopAt) : decoded;
                    } else if (stopAt >= 0) {
                        finish[i] = Generation.Finish.STOP_STRING;
                        text[i] = decoded.substring(0, stopAt);
                    } else if (step == config.maxNewTokens() - 1) {
                        finish[i] = Generation.Finish.LENGTH;
                        text[i] = decoded;
                    }
                    allDone &= finish[i] != null;
                }
                length++;
                if (allDone) {
                    break;
                }
            }
        }
        List<Generation> result = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            result.add(new Generation(
                    out.get(i).stream().mapToInt(Integer::intValue).toArray(), text[i], finish[i]));
        }
        return result;
    }

    /** The earliest index of any stop string in {@code text}, or -1. */
    static int firstStop(String text, List<String> stops) {
        int best = -1;
        for (String s : stops) {
            int at = text.indexOf(s);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /** Logits of columns {@code [from, length)} of every row, attending to columns {@code [0, length)}. */
    private NDArray forward(NDManager sm, long[][] columns, int[] pad, int from, int length, LlamaModel.KvCache cache) {
        int b = columns.length;
        int t = length - from;
        long[] ids = new long[b * t];
        long[] positions = new long[b * t];
        float[] mask = new float[b * t * length];
        Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < b; i++) {
            for (int q = 0; q < t; q++) {
                int col = from + q;
                ids[i * t + q] = columns[i][col];
                positions[i * t + q] = Math.max(0, col - pad[i]);
                int row = (i * t + q) * length;
                if (col < pad[i]) {
                    mask[row + col] = 0f;
                } else {
                    for (int k = pad[i]; k <= col; k++) {
                        mask[row + k] = 0f;
                    }
                }
            }
        }
        NDArray x = sm.create(ids, new Shape(b, t));
        NDArray pos = sm.create(positions, new Shape(b, t));
        NDArray m = sm.create(FloatBuffer.wrap(mask), new Shape(b, t, length));
        return cache == null ? model.logits(sm, x, pos, m) : model.logits(sm, x, pos, m, cache);
    }
}
