package org.babylab.plugins.llama.instruct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.babylab.api.chat.PackedSequence;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * A micro-batch of packed rows as the model reads it, row-major over {@code rows x length}:
 * {@code inputs[i]} is read at position {@code i}, which predicts {@code targets[i]} with loss
 * weight {@code weights[i]} (1 or 0). Position {@code i} of a {@link PackedSequence} predicts token
 * {@code i + 1}, so the weight is 1 only when that token is in the loss mask and belongs to the
 * same example; the last position of a row predicts nothing. {@code positions} restart at every
 * example and {@code attentionMask} ({@code rows x length x length}) is 0 where
 * {@link PackedSequence#attends} and {@code -inf} elsewhere; a padding position attends to itself
 * only, so its softmax stays defined (its weight is 0, so it never reaches the loss).
 *
 * <p>Immutable by convention: the arrays are not copied and must not be changed.
 */
public record InstructionBatch(
        int rows, int length, long[] inputs, long[] targets, float[] weights, long[] positions, float[] attentionMask) {
    public InstructionBatch {
        int n = rows * length;
        if (rows < 1
                || length < 1
                || inputs.length != n
                || targets.length != n
                || weights.length != n
                || positions.length != n
                || attentionMask.length != n * length) {
            throw new IllegalArgumentException(
                    "a batch of " + rows + " x " + length + " needs arrays of " + n + " (mask " + n * length + ")");
        }
    }

    /** The rows of {@code sequences}, which must all have the same length. */
    public static InstructionBatch of(List<PackedSequence> sequences) {
        int rows = sequences.size();
        if (rows == 0) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int len = sequences.get(0).length();
        long[] inputs = new long[rows * len];
        long[] targets = new long[rows * len];
        float[] weights = new float[rows * len];
        long[] positions = new long[rows * len];
        float[] mask = new float[rows * len * len];
        Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            PackedSequence s = sequences.get(r);
            if (s.length() != len) {
                throw new IllegalArgumentException(
                        "sequence " + r + " has length " + s.length() + ", the first " + len);
            }
            int[] seg = s.segments();
            for (int i = 0; i < len; i++) {
                int at = r * len + i;
                inputs[at] = s.ids()[i];
                positions[at] = s.positions()[i];
                boolean next = i + 1 < len && seg[i] >= 0 && seg[i + 1] == seg[i];
                targets[at] = next ? s.ids()[i + 1] : s.ids()[i];
                weights[at] = next && s.lossMask()[i + 1] ? 1f : 0f;
                int row = (r * len + i) * len;
                if (seg[i] < 0) {
                    mask[row + i] = 0f;
                } else {
                    for (int j = 0; j <= i; j++) {
                        if (s.attends(i, j)) {
                            mask[row + j] = 0f;
                        }
                    }
                }
            }
        }
        return new InstructionBatch(rows, len, inputs, targets, weights, positions, mask);
    }

    /** How many targets the loss covers. */
    public long trainedTokens() {
        long n = 0;
        for (float w : weights) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }

    /** This batch with one target replaced (only the prediction target, not what the model reads). */
    public InstructionBatch withTarget(int row, int position, int id) {
        long[] t = targets.clone();
        t[row * length + position] = id;
        return new InstructionBatch(rows, length, inputs, t, weights, positions, attentionMask);
    }

    /**
     * The summed negative log-likelihood of the weighted targets under {@code model}, a scalar
     * attached to {@code sm} and recorded for autograd when a gradient collector is open.
     */
    public NDArray lossSum(LlamaModel model, NDManager sm) {
        NDArray w = sm.create(FloatBuffer.wrap(weights), new Shape(rows, length, 1));
        return targetLogProbs(model, sm).mul(w).sum().neg();
    }

    /** {@code log P(targets[i] | the example's tokens up to i)} for every position, {@code [rows, length, 1]}, attached to {@code sm}. */
    public NDArray targetLogProbs(LlamaModel model, NDManager sm) {
        Shape bt = new Shape(rows, length);
        NDArray x = sm.create(inputs, bt);
        NDArray pos = sm.create(positions, bt);
        NDArray mask = sm.create(FloatBuffer.wrap(attentionMask), new Shape(rows, length, length));
        NDArray y = sm.create(targets, new Shape(rows, length, 1));
        return model.logits(sm, x, pos, mask).logSoftmax(-1).gather(y, 2);
    }
}
