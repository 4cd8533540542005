package org.babylab.plugins.llama.instruct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.babylab.api.chat.PackedSequence;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.train.AdamW;
import org.babylab.plugins.llama.train.GradientStep;
import org.babylab.plugins.llama.train.LearningRateSchedule;
import org.babylab.plugins.llama.train.OptimizerConfig;
import org.babylab.plugins.llama.train.TrainingLoop;

/**
 * Trains a {@link LlamaModel} in place on one phase's {@link PhaseBatches}: step {@code s} trains
 * the micro-batches of step {@code s}, the loss being the mean negative log-likelihood of the
 * reply tokens of the step ({@link InstructionBatch}), at the rate of a {@link PhaseSchedule}.
 * AdamW, clipping, accumulation, checkpoints and resume are {@code causal-lm}'s
 * ({@link TrainingLoop}, {@link GradientStep}); there is no dropout and no shuffling here (the
 * manifest is the order), so a resumed run ends bit-identical to an uninterrupted one on the CPU
 * with the same thread count. Not thread-safe; one instance per run.
 */
public final class InstructionTrainer {
    private final LlamaModel model;
    private final OptimizerConfig opt;
    private final PhaseBatches batches;
    private final TrainingLoop.Plan plan;
    private final ProgressReporter progress;
    private final Consumer<String> log;
    private final BooleanSupplier cancelled;
    private final TrainingLoop.StepListener listener;
    private final org.babylab.plugins.llama.preference.StepMetrics metrics;
    private long tokensSeen = -1;
    private long lastStepTokens;
    private long lastStepNanos;
    private double lastGradNorm = Double.NaN;

    /**
     * @param stage the log prefix, e.g. {@code "instruction-tune phase 1/2 (wiki)"}
     * @param listener called after each step; {@code (s, l) -> {}} when not needed
     */
    public InstructionTrainer(
            LlamaModel model,
            OptimizerConfig opt,
            PhaseBatches batches,
            int checkpointEvery,
            String stage,
            long seed,
            Path checkpointDir,
            ProgressReporter progress,
            Consumer<String> log,
            BooleanSupplier cancelled,
            TrainingLoop.StepListener listener) {
        this.model = model;
        this.opt = opt;
        this.batches = batches;
        PhaseSchedule schedule = new PhaseSchedule(
                LearningRateSchedule.Kind.parse(opt.schedule()), opt.warmupSteps(), batches.epochEnds());
        this.plan = new TrainingLoop.Plan(
                stage, batches.steps(), schedule::factor, checkpointEvery, seed, batches.fingerprint(), checkpointDir);
        this.progress = progress;
        this.log = log;
        this.cancelled = cancelled;
        this.listener = listener;
        this.metrics = new org.babylab.plugins.llama.preference.StepMetrics(
                checkpointDir, org.babylab.plugins.llama.train.CausalLmTrainer.METRICS_FILE);
    }

    /** Runs the phase to its end, resuming from a checkpoint when there is one. */
    public TrainingLoop.Outcome run() throws Exception {
        return new TrainingLoop(model, opt, plan, progress, log, cancelled, listener)
                .run(this::trainStep, this::afterStep, step -> {});
    }

    /** The per-step metrics (step, tokens: reply tokens trained on so far, loss, lr, grad_norm, tokens_per_s). */
    public org.babylab.plugins.llama.preference.StepMetrics metrics() {
        return metrics;
    }

    private void afterStep(long step, double loss, double lr) throws java.io.IOException {
        if (tokensSeen < 0) {
            // First step of this process (a fresh run or a resume): count the reply tokens of the steps before it.
            tokensSeen = 0;
            for (long s = 0; s < step - 1; s++) {
                tokensSeen += replyTokens(s);
            }
        }
        tokensSeen += lastStepTokens;
        java.util.Map<String, Double> row = org.babylab.plugins.llama.preference.StepMetrics.row();
        row.put("tokens", (double) tokensSeen);
        row.put("loss", loss);
        row.put("lr", lr);
        row.put("grad_norm", lastGradNorm);
        row.put("tokens_per_s", lastStepNanos <= 0 ? Double.NaN : lastStepTokens * 1e9 / lastStepNanos);
        metrics.append(step, row);
    }

    private long replyTokens(long step) {
        long n = 0;
        for (List<PackedSequence> rows : batches.microBatches(step)) {
            n += InstructionBatch.of(rows).trainedTokens();
        }
        return n;
    }

    private double trainStep(long step, AdamW adam, double lr) {
        List<GradientStep.MicroBatchLoss> micro = new ArrayList<>();
        long tokens = 0;
        for (List<PackedSequence> rows : batches.microBatches(step)) {
            InstructionBatch batch = InstructionBatch.of(rows);
            tokens += batch.trainedTokens();
            micro.add(sm -> batch.lossSum(model, sm));
        }
        // A step whose examples were all cut before their reply has nothing to learn; dividing by 1 keeps it finite
        // (zero gradient).
        long started = System.nanoTime();
        GradientStep.Measured m = GradientStep.measured(model, adam, opt, micro, Math.max(1, tokens), lr);
        lastStepNanos = System.nanoTime() - started;
        lastStepTokens = tokens;
        lastGradNorm = m.gradNorm();
        return m.loss();
    }
}
