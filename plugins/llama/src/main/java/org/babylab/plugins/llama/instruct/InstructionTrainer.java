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

    /**
     * @param stage the log prefix, e.g. {@code "instruction-tune phase 1/2 (wiki)"}
     * @param listener called after each step; {@code (s, l) -> {}} when not needed
     */
    public InstructionTrainer(LlamaModel model, OptimizerConfig opt, PhaseBatches batches, int checkpointEvery, String stage, long seed,
                              Path checkpointDir, ProgressReporter progress, Consumer<String> log, BooleanSupplier cancelled,
                              TrainingLoop.StepListener listener) {
        this.model = model;
        this.opt = opt;
        this.batches = batches;
        PhaseSchedule schedule = new PhaseSchedule(LearningRateSchedule.Kind.parse(opt.schedule()), opt.warmupSteps(), batches.epochEnds());
        this.plan = new TrainingLoop.Plan(stage, batches.steps(), schedule::factor, checkpointEvery, seed, batches.fingerprint(), checkpointDir);
        this.progress = progress;
        this.log = log;
        this.cancelled = cancelled;
        this.listener = listener;
    }

    /** Runs the phase to its end, resuming from a checkpoint when there is one. */
    public TrainingLoop.Outcome run() throws Exception {
        return new TrainingLoop(model, opt, plan, progress, log, cancelled, listener).run(this::trainStep, step -> { });
    }

    private double trainStep(long step, AdamW adam, double lr) {
        List<GradientStep.MicroBatchLoss> micro = new ArrayList<>();
        long tokens = 0;
        for (List<PackedSequence> rows : batches.microBatches(step)) {
            InstructionBatch batch = InstructionBatch.of(rows);
            tokens += batch.trainedTokens();
            micro.add(sm -> batch.lossSum(model, sm));
        }
        // A step whose examples were all cut before their reply has nothing to learn; dividing by 1 keeps it finite (zero gradient).
        return GradientStep.run(model, adam, opt, micro, Math.max(1, tokens), lr);
    }
}
