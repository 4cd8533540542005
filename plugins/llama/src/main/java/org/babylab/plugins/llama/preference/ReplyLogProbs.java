package org.babylab.plugins.llama.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.List;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * Log-probabilities of reply tokens: for sequences {@code prompt + reply}, the sum (or, for IPO,
 * the mean) over the reply's tokens of {@code log P(token | everything before it)}; prompt tokens
 * are masked, as in TRL's {@code get_batch_logps}. Sequences are right-padded into one batch; with
 * causal attention padding never changes a real token's log-prob. Stateless.
 */
public final class ReplyLogProbs {
    private ReplyLogProbs() {}

    /**
     * {@code [N]} log-probs of the replies, attached to {@code sm} and recorded for autograd when a
     * gradient collector is open.
     *
     * @param prompts each sequence's prompt ids
     * @param replies each sequence's reply ids (what is scored)
     * @param average divide each sum by its reply's length
     */
    public static NDArray of(
            LlamaModel model, NDManager sm, List<int[]> prompts, List<int[]> replies, boolean average) {
        int n = prompts.size();
        int t = 0;
        for (int i = 0; i < n; i++) {
            t = Math.max(t, prompts.get(i).length + replies.get(i).length);
        }
        long[] ids = new long[n * t];
        long[] targets = new long[n * t];
        float[] weights = new float[n * t];
        for (int i = 0; i < n; i++) {
            int[] s = PreferencePair.join(prompts.get(i), replies.get(i));
            int p = prompts.get(i).length;
            float w = average ? 1f / replies.get(i).length : 1f;
            for (int j = 0; j < s.length; j++) {
                ids[i * t + j] = s[j];
                if (j + 1 < s.length) {
                    targets[i * t + j] = s[j + 1];
                    weights[i * t + j] = j + 1 >= p ? w : 0f;
                }
            }
        }
        NDArray x = sm.create(ids, new Shape(n, t));
        NDArray y = sm.create(targets, new Shape(n, t, 1));
        NDArray w = sm.create(FloatBuffer.wrap(weights), new Shape(n, t));
        NDArray lp = model.logits(sm, x).logSoftmax(-1).gather(y, 2).reshape(n, t);
        return lp.mul(w).sum(new int[] {1});
    }

    /** The same as host values, without autograd, in batches of {@code batch} sequences. */
    public static double[] values(
            LlamaModel model, List<int[]> prompts, List<int[]> replies, boolean average, int batch) {
        double[] out = new double[prompts.size()];
        for (int from = 0; from < out.length; from += batch) {
            int to = Math.min(out.length, from + batch);
            try (NDScope scope = new NDScope();
                    NDManager sm = model.manager().newSubManager()) {
                scope.suppressNotUsedWarning();
                float[] v = of(model, sm, prompts.subList(from, to), replies.subList(from, to), average)
                        .toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    out[from + i] = v[i];
                }
            }
        }
        return out;
    }
}
