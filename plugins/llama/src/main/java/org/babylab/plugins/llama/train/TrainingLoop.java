package org.babylab.plugins.llama.train;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * The outer loop every LLaMA training stage shares: AdamW over the model's parameters (no decay on
 * RMSNorm gains), resume from the {@link TrainingCheckpoint} in the checkpoint directory, one
 * {@link Step} per optimiser step at the scheduled learning rate, progress and log lines, a
 * checkpoint every {@code checkpointEvery} steps and on cancellation.
 *
 * <p>Exact resumption holds when the stage's step {@code s} is a pure function of {@code s} and of
 * the data the fingerprint names: the checkpoint holds weights, moments and the step. Not
 * thread-safe; one instance per run.
 */
public final class TrainingLoop {
    /** Called after every optimiser step; tests use it to simulate a crash. */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(long step, double loss) throws Exception;
    }

    /** Trains optimiser step {@code step} (0-based) at learning rate {@code lr}; returns its loss. */
    @FunctionalInterface
    public interface Step {
        double train(long step, AdamW adam, double lr) throws Exception;
    }

    /**
     * What to run.
     *
     * @param stage the prefix of log lines and messages, e.g. {@code "causal-lm"}
     * @param totalSteps optimiser steps of the whole run, >= 1
     * @param lrFactor the multiplier of the base learning rate at each 0-based step
     * @param checkpointEvery steps between checkpoints, >= 1
     * @param seed the run's seed, checked against a checkpoint's
     * @param dataFingerprint names the exact training data, checked against a checkpoint's
     * @param checkpointDir where the checkpoint lives (survives a crash)
     */
    public record Plan(
            String stage,
            long totalSteps,
            LongToDoubleFunction lrFactor,
            int checkpointEvery,
            long seed,
            String dataFingerprint,
            Path checkpointDir) {
        public Plan {
            if (totalSteps < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException(stage + ": need total steps >= 1 and checkpoint_every >= 1, got "
                        + totalSteps + ", " + checkpointEvery);
            }
        }
    }

    /**
     * Called right after optimiser step {@code step} (1-based count of steps done) and before the
     * crash-resume checkpoint of that step is written, so whatever it publishes (kept checkpoints,
     * metrics) is never skipped by a resume.
     */
    @FunctionalInterface
    public interface StepHook {
        void afterStep(long step, double loss, double lr) throws Exception;
    }

    /** How a run ended: the steps taken in all, the last step's loss, and the step it resumed from (0 if none). */
    public record Outcome(long steps, double lastLoss, long resumedFrom) {}

    private final LlamaModel model;
    private final OptimizerConfig opt;
    private final Plan plan;
    private final ProgressReporter progress;
    private final Consumer<String> log;
    private final BooleanSupplier cancelled;
    private final StepListener listener;

    public TrainingLoop(
            LlamaModel model,
            OptimizerConfig opt,
            Plan plan,
            ProgressReporter progress,
            Consumer<String> log,
            BooleanSupplier cancelled,
            StepListener listener) {
        this.model = model;
        this.opt = opt;
        this.plan = plan;
        this.progress = progress;
        this.log = log;
        this.cancelled = cancelled;
        this.listener = listener;
    }

    /**
     * Runs (or resumes and runs) to {@link Plan#totalSteps()}. {@code afterCheckpoint} is called
     * with the step count after each step's listener and checkpoint, for periodic extras such as a
     * held-out loss.
     */
    public Outcome run(Step trainStep, LongConsumer afterCheckpoint) throws Exception {
        return run(trainStep, (s, l, r) -> {}, afterCheckpoint);
    }

    /**
     * Like {@link #run(Step, LongConsumer)}, calling {@code hook} after each step before its
     * checkpoint; {@code hook.afterStep(resumedStep, ...)} is not called again for the step a run resumes at.
     */
    public Outcome run(Step trainStep, StepHook hook, LongConsumer afterCheckpoint) throws Exception {
        long total = plan.totalSteps();
        Map<String, NDArray> params = model.parameters();
        Set<String> noDecay =
                params.keySet().stream().filter(LlamaArchitecture::isNormWeight).collect(Collectors.toSet());
        params.values().forEach(p -> p.setRequiresGradient(true));
        // In-place parameter updates must run with grad mode off on whatever thread runs this stage.
        try (Autograd.Scope noGrad = Autograd.noGrad();
                AdamW adam = new AdamW(
                        model.manager(),
                        params,
                        noDecay,
                        opt.betas().get(0),
                        opt.betas().get(1),
                        opt.eps(),
                        opt.weightDecay())) {
            TrainingCheckpoint.State restored = TrainingCheckpoint.restore(
                    plan.checkpointDir(), model, adam, plan.seed(), plan.dataFingerprint(), log);
            long step = restored == null ? 0 : restored.step();
            double loss = restored == null ? Double.NaN : restored.lastLoss();
            if (restored != null) {
                log.accept(plan.stage() + ": resumed from step " + step + " of " + total);
            }
            progress.start("train", "steps", total);
            progress.advance(step);
            long logEvery = Math.max(1, Math.min(100, total / 20));
            while (step < total) {
                if (cancelled.getAsBoolean()) {
                    checkpoint(adam, step, loss);
                    throw new CancellationException(plan.stage() + " cancelled at step " + step + " of " + total
                            + "; checkpoint saved, a re-run resumes from it");
                }
                double lr = opt.lr() * plan.lrFactor().applyAsDouble(step);
                loss = trainStep.train(step, adam, lr);
                if (!Double.isFinite(loss)) {
                    throw new ArithmeticException(plan.stage() + ": training loss became " + loss + " at step " + step
                            + " (lr " + lr + "); lower optimizer.lr or check the data");
                }
                step++;
                progress.advance(1);
                progress.status(String.format("loss %.3f lr %.2e", loss, lr));
                if (step % logEvery == 0) {
                    log.accept(String.format("%s: step %d/%d loss %.4f lr %.3e", plan.stage(), step, total, loss, lr));
                }
                listener.afterStep(step, loss);
                hook.afterStep(step, loss, lr);
                if (step % plan.checkpointEvery() == 0 && step < total) {
                    checkpoint(adam, step, loss);
                }
                afterCheckpoint.accept(step);
            }
            return new Outcome(step, loss, restored == null ? 0 : restored.step());
        } finally {
            params.values().forEach(p -> p.setRequiresGradient(false));
        }
    }

    private void checkpoint(AdamW adam, long step, double loss) throws java.io.IOException {
        TrainingCheckpoint.write(
                plan.checkpointDir(),
                model,
                adam,
                new TrainingCheckpoint.State(step, plan.seed(), plan.dataFingerprint(), loss));
    }
}
