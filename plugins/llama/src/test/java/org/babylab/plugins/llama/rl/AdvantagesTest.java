package org.babylab.plugins.llama.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** PPO's reward shaping, GAE, whitening and adaptive KL on numbers worked out by hand. */
class AdvantagesTest {
    @Test
    void per_token_rewards_are_the_kl_penalty_plus_the_score_on_the_last_token() {
        double[][] r = Advantages.rewards(
                new double[] {1.0}, new double[][] {{-1.0, -2.0}}, new double[][] {{-1.5, -1.0}}, 0.2);
        // kl = [0.5, -1.0]; -0.2 * kl = [-0.1, 0.2]; score on the last token
        assertArrayEquals(new double[] {-0.1, 1.2}, r[0], 1e-12);
    }

    @Test
    void gae_discounts_td_errors_by_gamma_lambda_and_returns_are_advantages_plus_values() {
        // rewards [0, 1], values [0.5, 0.25], gamma 1, lambda 0.95:
        // delta1 = 1 + 0 - 0.25 = 0.75; A1 = 0.75
        // delta0 = 0 + 0.25 - 0.5 = -0.25; A0 = -0.25 + 0.95 * 0.75 = 0.4625
        double[][][] g = Advantages.gae(new double[][] {{0, 1}}, new double[][] {{0.5, 0.25}}, 1.0, 0.95);
        assertArrayEquals(new double[] {0.4625, 0.75}, g[0][0], 1e-12);
        assertArrayEquals(new double[] {0.9625, 1.0}, g[1][0], 1e-12);
    }

    @Test
    void whitening_uses_the_mean_and_unbiased_variance_of_every_token_in_the_batch() {
        // tokens 1, 2, 3 across two samples: mean 2, unbiased variance 1
        double[][] w = Advantages.whiten(new double[][] {{1, 2}, {3}});
        double s = 1 / Math.sqrt(1 + 1e-8);
        assertArrayEquals(new double[] {-s, 0}, w[0], 1e-12);
        assertArrayEquals(new double[] {s}, w[1], 1e-12);
    }

    @Test
    void the_adaptive_kl_coefficient_moves_by_the_clipped_proportional_error_over_the_horizon() {
        AdaptiveKlController kl = new AdaptiveKlController(0.2, 6, 10_000, true);
        kl.update(12, 16); // error clip(12/6 - 1) = 0.2; value *= 1 + 0.2 * 16 / 10000
        assertEquals(0.2 * (1 + 0.2 * 16 / 10_000.0), kl.value(), 1e-15);
        kl.update(3, 100); // error -0.5 clipped to -0.2
        assertEquals(0.2 * (1 + 0.2 * 16 / 10_000.0) * (1 - 0.2 * 100 / 10_000.0), kl.value(), 1e-15);
        AdaptiveKlController fixed = new AdaptiveKlController(0.2, 6, 10_000, false);
        fixed.update(100, 16);
        assertEquals(0.2, fixed.value());
    }
}
