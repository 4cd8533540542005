package org.babylab.plugins.llama.preference;

import java.util.List;
import org.babylab.api.config.Doc;
import org.babylab.plugins.llama.train.OptimizerConfig;

/**
 * The {@code optimizer} of a {@code dpo} stage: {@code causal-lm}'s keys with the defaults TRL's
 * {@code DPOTrainer} inherits from Hugging Face's {@code TrainingArguments} (lr 5e-5, batch 8,
 * linear decay, no warm-up, no weight decay, clipping at norm 1). A separate record because a nested
 * record's defaults cannot depend on the stage holding it. Immutable.
 */
@Doc("AdamW optimiser and learning-rate schedule of preference tuning")
public record PreferenceOptimizerConfig(
        @Doc("Peak learning rate (default 5e-5, Hugging Face TrainingArguments)")
        Double lr,

        @Doc("Preference pairs per micro-batch (default 8)") Integer batchSize,

        @Doc("linear, cosine, cosine-with-restarts or constant; each with linear warm-up (default linear)")
        String schedule,

        @Doc("Warm-up steps from 0 to lr (default 0)") Integer warmupSteps,

        @Doc("Decoupled AdamW weight decay, never on RMSNorm gains (default 0.0)")
        Double weightDecay,

        @Doc("Adam beta1 and beta2 (default [0.9, 0.999])") List<Double> betas,
        @Doc("Adam epsilon (default 1e-8)") Double eps,

        @Doc("Clip the global gradient norm to this; 0 disables (default 1.0)")
        Double gradClip,

        @Doc("Micro-batches accumulated per optimiser step (default 1)")
        Integer gradAccum) {

    public PreferenceOptimizerConfig {
        lr = lr == null ? 5e-5 : lr;
        warmupSteps = warmupSteps == null ? 0 : warmupSteps;
        betas = betas == null ? null : List.copyOf(betas);
        new OptimizerConfig(lr, batchSize, schedule, warmupSteps, weightDecay, betas, eps, gradClip, gradAccum, 1);
    }

    /** All defaults. */
    public static PreferenceOptimizerConfig defaults() {
        return new PreferenceOptimizerConfig(null, null, null, null, null, null, null, null, null);
    }

    /** The settings as the shared training code reads them. */
    public OptimizerConfig toOptimizerConfig() {
        return new OptimizerConfig(
                lr, batchSize, schedule, warmupSteps, weightDecay, betas, eps, gradClip, gradAccum, 1);
    }
}
