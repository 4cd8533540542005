package org.babylab.plugins.llama.train;

import java.util.List;
import org.babylab.api.config.Doc;

/**
 * AdamW and schedule settings of a {@code causal-lm} stage. Defaults are the CLASS-IT paper's
 * pretraining settings (Table 2: lr 2e-4, batch 8, linear schedule, 5,000 warm-up steps) and
 * Hugging Face Trainer's defaults for what the paper does not state (betas 0.9/0.999, eps 1e-8,
 * weight decay 0, gradient clipping at norm 1).
 */
@Doc("AdamW optimiser and learning-rate schedule")
public record OptimizerConfig(
        @Doc("Peak learning rate (default 2e-4)") Double lr,
        @Doc("Sequences per micro-batch (default 8)") Integer batchSize,

        @Doc("linear, cosine, cosine-with-restarts or constant; each with linear warm-up (default linear)")
        String schedule,

        @Doc("Warm-up steps from 0 to lr (default 5000)") Integer warmupSteps,

        @Doc("Decoupled AdamW weight decay on weight matrices and embeddings, never on RMSNorm gains (default 0.0)")
        Double weightDecay,

        @Doc("Adam beta1 and beta2 (default [0.9, 0.999])") List<Double> betas,
        @Doc("Adam epsilon (default 1e-8)") Double eps,

        @Doc("Clip the global gradient norm to this; 0 disables (default 1.0)")
        Double gradClip,

        @Doc("Micro-batches accumulated per optimiser step (default 1)")
        Integer gradAccum,

        @Doc("Cycles of cosine-with-restarts (default 1)") Integer restarts) {

    /** The largest learning rate accepted. */
    public static final double MAX_LR = 1.0;

    public OptimizerConfig {
        lr = lr == null ? 2e-4 : lr;
        batchSize = batchSize == null ? 8 : batchSize;
        schedule = schedule == null ? "linear" : schedule;
        warmupSteps = warmupSteps == null ? 5_000 : warmupSteps;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        betas = betas == null ? List.of(0.9, 0.999) : List.copyOf(betas);
        eps = eps == null ? 1e-8 : eps;
        gradClip = gradClip == null ? 1.0 : gradClip;
        gradAccum = gradAccum == null ? 1 : gradAccum;
        restarts = restarts == null ? 1 : restarts;
        if (!(lr > 0) || lr > MAX_LR) {
            // AdamW moves each weight by about lr per step: above 1 every weight is noise after one step.
            throw new IllegalArgumentException("optimizer.lr must be in (0, " + MAX_LR + "], got " + lr
                    + " (AdamW moves each weight by about lr per step; LLaMA pretraining uses 1e-4 to 3e-3)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("optimizer.batch_size must be >= 1, got " + batchSize);
        }
        LearningRateSchedule.Kind.parse(schedule);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("optimizer.warmup_steps must be >= 0, got " + warmupSteps);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("optimizer.weight_decay must be >= 0, got " + weightDecay);
        }
        if (betas.size() != 2 || betas.stream().anyMatch(b -> b == null || b < 0 || b >= 1)) {
            throw new IllegalArgumentException("optimizer.betas must be two numbers in [0, 1), got " + betas);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("optimizer.eps must be > 0, got " + eps);
        }
        if (gradClip < 0) {
            throw new IllegalArgumentException("optimizer.grad_clip must be >= 0 (0 disables), got " + gradClip);
        }
        if (gradAccum < 1) {
            throw new IllegalArgumentException("optimizer.grad_accum must be >= 1, got " + gradAccum);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("optimizer.restarts must be >= 1, got " + restarts);
        }
    }

    /** All defaults. */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig(null, null, null, null, null, null, null, null, null, null);
    }
}
