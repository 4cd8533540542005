package org.babylab.plugins.llama.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.train.AdamW;
import org.babylab.plugins.llama.train.GradientStep;
import org.babylab.plugins.llama.train.LearningRateSchedule;
import org.babylab.plugins.llama.train.OptimizerConfig;
import org.babylab.plugins.llama.train.TrainingLoop;

/**
 * Trains a policy in place with a {@link DpoLoss} on preference pairs against fixed reference
 * log-probs. Epoch {@code e} visits the pairs in a permutation seeded by the seed and {@code e};
 * micro-batches of {@code batch_size} pairs, {@code grad_accum} of them per optimiser step; the loss
 * of a step is the mean over its pairs (TRL/Hugging Face with equal micro-batches). Which pairs
 * form step {@code s} is a pure function of the seed and {@code s}, and the loop is
 * {@link TrainingLoop}, so a run resumes exactly from its checkpoint. Each step records TRL's
 * metrics ({@code loss}, {@code rewards/chosen}, {@code rewards/rejected}, {@code rewards/margins},
 * {@code rewards/accuracies}, {@code logps/chosen}, {@code logps/rejected}, {@code lr}) in a
 * {@link StepMetrics}. Not thread-safe; one instance per run.
 */
public final class DpoTrainer {
    private final LlamaModel policy;
    private final DpoLoss loss;
    private final OptimizerConfig opt;
    private final List<PreferencePair> pairs;
    private final double[][] reference;
    private final List<List<int[]>> steps;
    private final TrainingLoop.Plan plan;
    private final StepMetrics metrics;
    private final ProgressReporter progress;
    private final Consumer<String> log;
    private final BooleanSupplier cancelled;
    private final TrainingLoop.StepListener listener;

    public DpoTrainer(
            LlamaModel policy,
            DpoLoss loss,
            OptimizerConfig opt,
            List<PreferencePair> pairs,
            double[][] reference,
            int epochs,
            int checkpointEvery,
            long seed,
            String dataFingerprint,
            Path checkpointDir,
            ProgressReporter progress,
            Consumer<String> log,
            BooleanSupplier cancelled,
            TrainingLoop.StepListener listener) {
        this.policy = policy;
        this.loss = loss;
        this.opt = opt;
        this.pairs = pairs;
        this.reference = reference;
        this.steps = schedule(pairs.size(), epochs, opt.batchSize(), opt.gradAccum(), seed);
        LearningRateSchedule lr = new LearningRateSchedule(
                LearningRateSchedule.Kind.parse(opt.schedule()), opt.warmupSteps(), steps.size(), 1);
        this.plan = new TrainingLoop.Plan(
                "dpo", steps.size(), lr::factor, checkpointEvery, seed, dataFingerprint, checkpointDir);
        this.metrics = new StepMetrics(checkpointDir, "dpo-metrics.jsonl");
        this.progress = progress;
        this.log = log;
        this.cancelled = cancelled;
        this.listener = listener;
    }

    /** Optimiser steps: each a list of micro-batches of pair indices. */
    static List<List<int[]>> schedule(int n, int epochs, int batch, int accum, long seed) {
        List<List<int[]>> steps = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed * 31 + e));
            List<int[]> micro = new ArrayList<>();
            for (int from = 0; from < n; from += batch) {
                micro.add(order.subList(from, Math.min(n, from + batch)).stream()
                        .mapToInt(Integer::intValue)
                        .toArray());
            }
            for (int from = 0; from < micro.size(); from += accum) {
                steps.add(List.copyOf(micro.subList(from, Math.min(micro.size(), from + accum))));
            }
        }
        return steps;
    }

    /** Optimiser steps of the run. */
    public int steps() {
        return steps.size();
    }

    /** The per-step metrics. */
    public StepMetrics metrics() {
        return metrics;
    }

    public TrainingLoop.Outcome run() throws Exception {
        return new TrainingLoop(policy, opt, plan, progress, log, cancelled, listener).run(this::trainStep, s -> {});
    }

    private double trainStep(long step, AdamW adam, double lr) throws Exception {
        List<int[]> micro = steps.get(Math.toIntExact(step));
        int count = 0;
        double[] sums = new double[6]; // chosen reward, rejected reward, accuracy, logp chosen, logp rejected, loss
        List<GradientStep.MicroBatchLoss> losses = new ArrayList<>();
        for (int[] batch : micro) {
            count += batch.length;
            losses.add(sm -> microLoss(sm, batch, sums));
        }
        double value = GradientStep.run(policy, adam, opt, losses, count, lr);
        Map<String, Double> row = StepMetrics.row();
        row.put("loss", value);
        row.put("rewards/chosen", sums[0] / count);
        row.put("rewards/rejected", sums[1] / count);
        row.put("rewards/margins", (sums[0] - sums[1]) / count);
        row.put("rewards/accuracies", sums[2] / count);
        row.put("logps/chosen", sums[3] / count);
        row.put("logps/rejected", sums[4] / count);
        row.put("lr", lr);
        metrics.append(step + 1, row);
        return value;
    }

    /** The summed loss of one micro-batch; adds its pairs' metrics to {@code sums}. */
    private NDArray microLoss(NDManager sm, int[] batch, double[] sums) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> replies = new ArrayList<>();
        for (int i : batch) {
            prompts.add(pairs.get(i).prompt());
            replies.add(pairs.get(i).chosen());
        }
        for (int i : batch) {
            prompts.add(pairs.get(i).prompt());
            replies.add(pairs.get(i).rejected());
        }
        int b = batch.length;
        NDArray lp = ReplyLogProbs.of(policy, sm, prompts, replies, loss.averagesLogProbs());
        float[] refC = new float[b];
        float[] refR = new float[b];
        for (int k = 0; k < b; k++) {
            refC[k] = (float) reference[batch[k]][0];
            refR[k] = (float) reference[batch[k]][1];
        }
        NDArray piC = lp.get("0:" + b);
        NDArray piR = lp.get(b + ":");
        NDArray losses = loss.losses(
                sm,
                piC,
                piR,
                sm.create(FloatBuffer.wrap(refC), new Shape(b)),
                sm.create(FloatBuffer.wrap(refR), new Shape(b)));
        float[] pc = piC.toFloatArray();
        float[] pr = piR.toFloatArray();
        for (int k = 0; k < b; k++) {
            double rc = loss.beta() * (pc[k] - refC[k]);
            double rr = loss.beta() * (pr[k] - refR[k]);
            sums[0] += rc;
            sums[1] += rr;
            sums[2] += rc > rr ? 1 : 0;
            sums[3] += pc[k];
            sums[4] += pr[k];
        }
        return losses.sum();
    }
}
