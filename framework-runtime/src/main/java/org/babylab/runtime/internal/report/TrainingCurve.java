package org.babylab.runtime.internal.report;

import java.util.Objects;

/**
 * One metric of one training step over training progress: what a learning-curve figure draws. The
 * report draws every curve it is given; today no stage records per-step metrics in the store (the
 * training loss is only in the step logs), so none are collected yet, and a stage that writes a
 * per-step metrics table adds its curves by turning the table's columns into these.
 *
 * @param step the training step's display name, e.g. {@code stage:pretrain [vocab=512]}
 * @param metric e.g. {@code train_loss}, {@code eval_loss} or an evaluator's primary metric
 * @param xLabel what x counts: {@code step} (linear axis) or {@code words seen} (log axis)
 * @param x the x values, increasing
 * @param y the metric's values, one per x
 */
public record TrainingCurve(String step, String metric, String xLabel, double[] x, double[] y) {
    /** The x label for which the axis is logarithmic, as the llamalogue paper plots it. */
    public static final String WORDS_SEEN = "words seen";

    public TrainingCurve {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(xLabel, "xLabel");
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(
                    "a curve needs as many x as y values, at least one; got " + x.length + " and " + y.length);
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException(
                        "x must increase: " + x[i - 1] + " then " + x[i] + " in " + step + " " + metric);
            }
        }
        if (WORDS_SEEN.equals(xLabel) && x[0] <= 0) {
            throw new IllegalArgumentException("words seen must be positive on a log axis, got " + x[0]);
        }
        x = x.clone();
        y = y.clone();
    }

    /** True when the x axis is logarithmic. */
    public boolean logX() {
        return WORDS_SEEN.equals(xLabel);
    }
}
