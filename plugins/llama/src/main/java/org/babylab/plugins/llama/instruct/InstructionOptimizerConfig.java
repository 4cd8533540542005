package org.babylab.plugins.llama.instruct;

import java.util.List;
import org.babylab.api.config.Doc;
import org.babylab.plugins.llama.train.OptimizerConfig;

/**
 * The {@code optimizer} of an {@code instruction-tune} stage: the keys of {@code causal-lm}'s
 * {@link OptimizerConfig} but with the CLASS-IT paper's instruction-tuning defaults (Table 2: lr
 * 2e-5, batch 8, cosine with restarts, 500 warm-up steps). A separate record because YAML binds
 * each key once: defaults of a nested record cannot depend on the stage that holds it. There is no
 * {@code restarts} key: cosine-with-restarts restarts once per epoch of the curriculum phase.
 * Immutable; validated by converting to {@link OptimizerConfig}.
 */
@Doc("AdamW optimiser and learning-rate schedule of instruction tuning")
public record InstructionOptimizerConfig(
        @Doc("Peak learning rate (default 2e-5)") Double lr,
        @Doc("Packed sequences per micro-batch (default 8)") Integer batchSize,

        @Doc(
                "cosine-with-restarts (one cosine per epoch), cosine, linear or constant; each with linear warm-up (default cosine-with-restarts)")
        String schedule,

        @Doc("Warm-up steps from 0 to lr at the start of each phase (default 500)")
        Integer warmupSteps,

        @Doc("Decoupled AdamW weight decay, never on RMSNorm gains (default 0.0)")
        Double weightDecay,

        @Doc("Adam beta1 and beta2 (default [0.9, 0.999])") List<Double> betas,
        @Doc("Adam epsilon (default 1e-8)") Double eps,

        @Doc("Clip the global gradient norm to this; 0 disables (default 1.0)")
        Double gradClip,

        @Doc("Micro-batches accumulated per optimiser step (default 1)")
        Integer gradAccum) {

    public InstructionOptimizerConfig {
        lr = lr == null ? 2e-5 : lr;
        batchSize = batchSize == null ? 8 : batchSize;
        schedule = schedule == null ? "cosine-with-restarts" : schedule;
        warmupSteps = warmupSteps == null ? 500 : warmupSteps;
        betas = betas == null ? null : List.copyOf(betas);
        toOptimizerConfig(lr, batchSize, schedule, warmupSteps, weightDecay, betas, eps, gradClip, gradAccum);
    }

    /** All defaults. */
    public static InstructionOptimizerConfig defaults() {
        return new InstructionOptimizerConfig(null, null, null, null, null, null, null, null, null);
    }

    /** The settings as the shared training code reads them (unset keys take its defaults). */
    public OptimizerConfig toOptimizerConfig() {
        return toOptimizerConfig(lr, batchSize, schedule, warmupSteps, weightDecay, betas, eps, gradClip, gradAccum);
    }

    private static OptimizerConfig toOptimizerConfig(
            Double lr,
            Integer batchSize,
            String schedule,
            Integer warmupSteps,
            Double weightDecay,
            List<Double> betas,
            Double eps,
            Double gradClip,
            Integer gradAccum) {
        return new OptimizerConfig(
                lr, batchSize, schedule, warmupSteps, weightDecay, betas, eps, gradClip, gradAccum, 1);
    }
}
