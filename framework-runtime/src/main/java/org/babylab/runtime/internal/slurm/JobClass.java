package org.babylab.runtime.internal.slurm;

import org.babylab.runtime.internal.plan.PlannedStep;

/** The kinds of step that get their own time and memory limits on a cluster. */
public enum JobClass {
    /** Tokenizer training. */
    TOKENIZER("tokenizer", "2:00:00", 8 * 1024),
    /** Models and stages: everything that produces a model by computation. */
    TRAINING("training", "24:00:00", 16 * 1024),
    /** One evaluator applied to one model. */
    EVALUATION("evaluation", "4:00:00", 8 * 1024);

    private final String key;
    private final String defaultTime;
    private final long defaultMemMegabytes;

    JobClass(String key, String defaultTime, long defaultMemMegabytes) {
        this.key = key;
        this.defaultTime = defaultTime;
        this.defaultMemMegabytes = defaultMemMegabytes;
    }

    /** The name under {@code cluster.steps} in YAML. */
    public String key() {
        return key;
    }

    /** The limits used when neither the experiment nor the profile sets them. */
    public StepLimits defaults() {
        return new StepLimits(defaultTime, defaultMemMegabytes, null);
    }

    /** The type of {@code step}. */
    public static JobClass of(PlannedStep step) {
        return switch (step.kind()) {
            case TOKENIZER -> TOKENIZER;
            case EVALUATOR -> EVALUATION;
            default -> TRAINING;
        };
    }

    /** The type named {@code key} in YAML, or null. */
    public static JobClass named(String key) {
        for (JobClass t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        return null;
    }
}
