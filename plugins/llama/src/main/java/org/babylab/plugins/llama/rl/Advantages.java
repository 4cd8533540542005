package org.babylab.plugins.llama.rl;

/**
 * The per-token rewards, GAE advantages and returns of one PPO batch, with TRL 0.8.6's formulas
 * ({@code PPOTrainer.compute_rewards}, {@code compute_advantages}, {@code whiten}). Arrays are per
 * sample, one entry per response token. Stateless.
 */
public final class Advantages {
    private Advantages() {}

    /**
     * Per-token rewards: {@code -klCoef * (logprob - refLogprob)} at every token, plus the sample's
     * score at its last token.
     */
    public static double[][] rewards(double[] scores, double[][] logprobs, double[][] refLogprobs, double klCoef) {
        double[][] out = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            int n = logprobs[i].length;
            out[i] = new double[n];
            for (int t = 0; t < n; t++) {
                out[i][t] = -klCoef * (logprobs[i][t] - refLogprobs[i][t]);
            }
            out[i][n - 1] += scores[i];
        }
        return out;
    }

    /**
     * Generalised advantage estimation (Schulman et al. 2016): {@code delta_t = r_t + gamma V_{t+1}
     * - V_t} with {@code V} after the last token 0, {@code A_t = delta_t + gamma lambda A_{t+1}}.
     * Returns {advantages, returns = advantages + values}, before whitening.
     */
    public static double[][][] gae(double[][] rewards, double[][] values, double gamma, double lambda) {
        double[][] adv = new double[rewards.length][];
        double[][] ret = new double[rewards.length][];
        for (int i = 0; i < rewards.length; i++) {
            int n = rewards[i].length;
            adv[i] = new double[n];
            ret[i] = new double[n];
            double last = 0;
            for (int t = n - 1; t >= 0; t--) {
                double next = t + 1 < n ? values[i][t + 1] : 0;
                double delta = rewards[i][t] + gamma * next - values[i][t];
                last = delta + gamma * lambda * last;
                adv[i][t] = last;
                ret[i][t] = last + values[i][t];
            }
        }
        return new double[][][] {adv, ret};
    }

    /**
     * TRL's {@code whiten} over every token of the batch: subtract the mean and divide by
     * {@code sqrt(var + 1e-8)}, the variance being the unbiased one (Bessel's correction).
     */
    public static double[][] whiten(double[][] x) {
        double sum = 0;
        long n = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double sq = 0;
        for (double[] row : x) {
            for (double v : row) {
                sq += (v - mean) * (v - mean);
            }
        }
        double var = n > 1 ? sq / (n - 1) : 0;
        double scale = 1 / Math.sqrt(var + 1e-8);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int t = 0; t < x[i].length; t++) {
                out[i][t] = (x[i][t] - mean) * scale;
            }
        }
        return out;
    }
}
