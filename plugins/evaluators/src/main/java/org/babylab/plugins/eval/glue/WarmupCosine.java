package org.babylab.plugins.eval.glue;

/**
 * The pipeline's learning-rate multiplier: linear warm-up from 0 over {@code warmup} steps, then a
 * half cosine from 1 down to {@code minRatio} at {@code total} steps. Step {@code s} (0-based) uses
 * {@code lr * factor(s)}.
 *
 * @param total optimiser steps of the whole run, >= 1
 * @param warmup warm-up steps, in [0, total]
 * @param minRatio the final multiplier, in [0, 1]
 */
public record WarmupCosine(long total, long warmup, double minRatio) {
    public WarmupCosine {
        if (total < 1 || warmup < 0 || warmup > total || !(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException(
                    "schedule needs total >= 1, 0 <= warmup <= total and min ratio in [0, 1], got " + total + ", "
                            + warmup + ", " + minRatio);
        }
    }

    /** {@code ratio} of {@code total} steps (rounded up) warm up, as the pipeline's {@code warmup_proportion}. */
    public static WarmupCosine of(long total, double ratio, double minRatio) {
        return new WarmupCosine(total, (long) Math.ceil(total * ratio), minRatio);
    }

    public double factor(long step) {
        if (step < warmup) {
            return (double) step / warmup;
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        return minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
