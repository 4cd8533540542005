package org.babylab.plugins.llama.instruct;

import java.util.Arrays;
import org.babylab.plugins.llama.train.LearningRateSchedule;

/**
 * The learning-rate multiplier of one curriculum phase. Each phase is its own step, so the
 * schedule starts over at every phase: linear warm-up over the phase's first {@code warmup} steps,
 * then for {@code cosine-with-restarts} one cosine decay from 1 to 0 per epoch of the phase's order
 * manifest (an epoch still inside the warm-up decays over its remaining steps); the other kinds
 * decay over the whole phase exactly like {@link LearningRateSchedule} with one cycle.
 *
 * @param kind the schedule kind
 * @param warmup warm-up steps, >= 0
 * @param epochEnds exclusive end step of each epoch, increasing, the last the phase's total
 */
public record PhaseSchedule(LearningRateSchedule.Kind kind, int warmup, long[] epochEnds) {
    public PhaseSchedule {
        if (warmup < 0 || epochEnds.length == 0 || epochEnds[epochEnds.length - 1] < 1) {
            throw new IllegalArgumentException("a phase schedule needs warmup >= 0 and at least one step, got " + warmup
                    + ", " + Arrays.toString(epochEnds));
        }
        epochEnds = epochEnds.clone();
    }

    /** Total optimiser steps of the phase. */
    public long total() {
        return epochEnds[epochEnds.length - 1];
    }

    /** The multiplier of the base learning rate at 0-based step {@code step}. */
    public double factor(long step) {
        if (kind != LearningRateSchedule.Kind.COSINE_WITH_RESTARTS) {
            return new LearningRateSchedule(kind, warmup, total(), 1).factor(step);
        }
        if (step < warmup) {
            return (double) step / Math.max(1, warmup);
        }
        int e = 0;
        while (e < epochEnds.length - 1 && step >= epochEnds[e]) {
            e++;
        }
        long start = Math.max(warmup, e == 0 ? 0 : epochEnds[e - 1]);
        long end = epochEnds[e];
        if (step >= end) {
            return 0.0;
        }
        double progress = (double) (step - start) / (end - start);
        return 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }
}
