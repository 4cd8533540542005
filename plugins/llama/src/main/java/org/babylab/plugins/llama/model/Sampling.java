package org.babylab.plugins.llama.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.babylab.api.model.GenerationConfig;

/**
 * Next-token choice from one row of logits, in double precision on the host, in the order of Hugging
 * Face's logits warpers: temperature, then top-k, then top-p (nucleus: the most likely tokens
 * whose probabilities first reach {@code topP}, at least one), then one draw from what is left,
 * renormalised. Stateless.
 */
public final class Sampling {
    private Sampling() {}

    /** The index of the largest logit; ties go to the lowest index. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The filtered, renormalised distribution {@link #sample} draws from. */
    public static double[] distribution(float[] logits, GenerationConfig config) {
        int n = logits.length;
        double[] p = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l / config.temperature());
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[i] / config.temperature() - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        int keep = config.topK() > 0 ? Math.min(n, config.topK()) : n;
        if (config.topP() < 1) {
            double kept = 0;
            for (int r = 0; r < keep; r++) {
                kept += p[order[r]];
                if (kept >= config.topP()) {
                    keep = r + 1;
                    break;
                }
            }
        }
        double[] q = new double[n];
        double total = 0;
        for (int r = 0; r < keep; r++) {
            q[order[r]] = p[order[r]];
            total += p[order[r]];
        }
        for (int i = 0; i < n; i++) {
            q[i] /= total;
        }
        return q;
    }

    /** One draw from {@link #distribution}. */
    public static int sample(float[] logits, GenerationConfig config, SplittableRandom random) {
        double[] q = distribution(logits, config);
        double u = random.nextDouble();
        double c = 0;
        int lastNonZero = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) {
                c += q[i];
                lastNonZero = i;
                if (u < c) {
                    return i;
                }
            }
        }
        return lastNonZero;
    }
}
