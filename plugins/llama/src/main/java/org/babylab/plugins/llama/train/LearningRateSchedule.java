package org.babylab.plugins.llama.train;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The learning-rate multiplier of each optimiser step, with the formulas of Hugging Face's
 * {@code get_*_schedule_with_warmup}: linear warm-up from 0 over {@code warmup} steps, then the
 * chosen decay to 0 at {@code total} steps. Step {@code s} (0-based) uses {@code lr * factor(s)},
 * so like Hugging Face the very first update of a warmed-up run has learning rate 0.
 *
 * @param kind the decay shape
 * @param warmup warm-up steps, >= 0
 * @param total total optimiser steps, >= 1
 * @param cycles cosine restarts (only for {@link Kind#COSINE_WITH_RESTARTS})
 */
public record LearningRateSchedule(Kind kind, int warmup, long total, int cycles) {
    /** The decay shapes; {@link #id()} is the YAML spelling. */
    public enum Kind {
        LINEAR("linear"),
        COSINE("cosine"),
        COSINE_WITH_RESTARTS("cosine-with-restarts"),
        CONSTANT("constant");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** @throws IllegalArgumentException naming the valid schedules */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("optimizer.schedule '" + text + "' is not one of "
                    + Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")));
        }
    }

    public LearningRateSchedule {
        if (warmup < 0 || total < 1 || cycles < 1) {
            throw new IllegalArgumentException("schedule needs warmup >= 0, total >= 1, cycles >= 1, got " + warmup
                    + ", " + total + ", " + cycles);
        }
    }

    /** The multiplier of the base learning rate at step {@code step}. */
    public double factor(long step) {
        if (step < warmup) {
            return (double) step / Math.max(1, warmup);
        }
        if (kind == Kind.CONSTANT) {
            return 1.0;
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return switch (kind) {
            case LINEAR -> Math.max(0.0, (double) (total - step) / Math.max(1, total - warmup));
            case COSINE -> Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
            case COSINE_WITH_RESTARTS ->
                progress >= 1.0 ? 0.0 : Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * ((cycles * progress) % 1.0))));
            case CONSTANT -> 1.0;
        };
    }
}
