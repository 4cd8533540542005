package org.babylab.plugins.llama.rl;

/**
 * The adaptive KL coefficient of Ziegler et al. (2019), as TRL's {@code AdaptiveKLController}:
 * after each PPO batch of {@code n} samples with mean summed KL {@code kl},
 * {@code value *= 1 + clip(kl / target - 1, -0.2, 0.2) * n / horizon}. A fixed controller
 * ({@code adaptive = false}) never changes. Mutable; not thread-safe.
 */
public final class AdaptiveKlController {
    private final boolean adaptive;
    private final double target;
    private final double horizon;
    private double value;

    public AdaptiveKlController(double initial, double target, double horizon, boolean adaptive) {
        if (!(initial >= 0) || !(target > 0) || !(horizon > 0)) {
            throw new IllegalArgumentException("need init_kl_coef >= 0, target > 0 and horizon > 0, got " + initial
                    + ", " + target + ", " + horizon);
        }
        this.value = initial;
        this.target = target;
        this.horizon = horizon;
        this.adaptive = adaptive;
    }

    /** The current coefficient. */
    public double value() {
        return value;
    }

    /** Restores a coefficient saved with a checkpoint. */
    public void restore(double v) {
        this.value = v;
    }

    /** Updates after a batch of {@code n} samples whose mean summed KL was {@code kl}. */
    public void update(double kl, int n) {
        if (!adaptive) {
            return;
        }
        double error = Math.max(-0.2, Math.min(0.2, kl / target - 1));
        value *= 1 + error * n / horizon;
    }
}
