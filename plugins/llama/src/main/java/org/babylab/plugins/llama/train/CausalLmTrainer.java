package org.babylab.plugins.llama.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * Trains a {@link LlamaModel} in place on packed windows: AdamW with decoupled weight decay,
 * warm-up schedules, global-norm clipping, gradient accumulation, periodic held-out loss and
 * atomic checkpoints it resumes from (the loop and the step are {@link TrainingLoop} and
 * {@link GradientStep}, shared with {@code instruction-tune}; this class chooses the windows).
 *
 * <p>Which windows form optimiser step {@code s} is a pure function of the seed and {@code s}
 * (epoch {@code e} visits the windows in a permutation seeded by {@code seed} and {@code e}), and
 * there is no dropout, so a checkpoint of weights, moments and step resumes a run exactly: on the
 * CPU with the same thread count the resumed run ends bit-identical to an uninterrupted one.
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class CausalLmTrainer {
    /** Called after every optimiser step; tests use it to simulate a crash. */
    @FunctionalInterface
    public interface StepListener extends TrainingLoop.StepListener {}

    /** Windows of a corpus used for one purpose (training or held-out loss). */
    public record Windows(PackedCorpus corpus, int[] indices) {
        /** All windows of {@code corpus}. */
        public static Windows all(PackedCorpus corpus) {
            int[] idx = new int[corpus.windows()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            return new Windows(corpus, idx);
        }

        /**
         * Splits {@code corpus} into (train, held-out), holding out {@code fraction} of the windows
         * chosen by a permutation seeded with {@code seed}.
         */
        public static Windows[] split(PackedCorpus corpus, double fraction, long seed) {
            int n = corpus.windows();
            int held = fraction <= 0 ? 0 : Math.max(1, (int) Math.round(n * fraction));
            int[] perm = permutation(n, new Random(seed ^ 0x5DEECE66DL));
            int[] eval = java.util.Arrays.copyOfRange(perm, 0, held);
            int[] train = java.util.Arrays.copyOfRange(perm, held, n);
            java.util.Arrays.sort(eval);
            java.util.Arrays.sort(train);
            return new Windows[] {new Windows(corpus, train), new Windows(corpus, eval)};
        }
    }

    /** What a finished run reports. */
    public record Result(long steps, double lastLoss, double evalLoss, long resumedFrom) {}

    /** Publishes the kept checkpoints that became due after a step; the model holds that step's weights. */
    @FunctionalInterface
    public interface Keeper {
        void keep(List<String> names, KeepSchedule.Position at) throws Exception;
    }

    /** The per-step metrics file, in the checkpoint directory while training and in the output after. */
    public static final String METRICS_FILE = "train-metrics.jsonl";

    private final CausalLmConfig config;
    private final LlamaModel model;
    private final Windows train;
    private final Windows eval;
    private final long seed;
    private final Path checkpointDir;
    private final ProgressReporter progress;
    private final Consumer<String> log;
    private final BooleanSupplier cancelled;
    private final StepListener listener;
    private int cachedEpoch = -1;
    private int[] cachedOrder;
    private final org.babylab.plugins.llama.preference.StepMetrics metrics;
    private KeepSchedule keepSchedule = new KeepSchedule(List.of());
    private Keeper keeper = (names, at) -> {};
    private KeepSchedule.Position position = KeepSchedule.Position.START;
    private double lastGradNorm = Double.NaN;
    private long lastStepTokens;
    private long lastStepNanos;
    private double finalEvalLoss = Double.NaN;

    /**
     * @param eval held-out windows, or null for none
     * @param listener called after each step; {@code (s, l) -> {}} when not needed
     */
    public CausalLmTrainer(
            CausalLmConfig config,
            LlamaModel model,
            Windows train,
            Windows eval,
            long seed,
            Path checkpointDir,
            ProgressReporter progress,
            Consumer<String> log,
            BooleanSupplier cancelled,
            StepListener listener) {
        if (train.indices().length == 0) {
            throw new IllegalArgumentException("the training data has "
                    + train.corpus().tokenCount() + " tokens, fewer than one window of seq_len + 1 = "
                    + (train.corpus().seqLen() + 1) + "; lower seq_len or add data");
        }
        this.config = config;
        this.model = model;
        this.train = train;
        this.eval = eval == null || eval.indices().length == 0 ? null : eval;
        this.seed = seed;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
        this.log = log;
        this.cancelled = cancelled;
        this.listener = listener;
        this.metrics = new org.babylab.plugins.llama.preference.StepMetrics(checkpointDir, METRICS_FILE);
    }

    /** Keeps the checkpoints of {@code schedule}, handing those due after each step to {@code keeper}. Call before {@link #run}. */
    public CausalLmTrainer keeping(KeepSchedule schedule, Keeper keeper) {
        this.keepSchedule = schedule;
        this.keeper = keeper;
        return this;
    }

    /** The per-step metrics recorded so far (step, tokens, words, loss, lr, grad_norm, tokens_per_s, eval_loss). */
    public org.babylab.plugins.llama.preference.StepMetrics metrics() {
        return metrics;
    }

    private long microPerEpoch() {
        return (train.indices().length + config.optimizer().batchSize() - 1)
                / config.optimizer().batchSize();
    }

    /** Optimiser steps the run will take. */
    public long totalSteps() {
        long micro = microPerEpoch() * config.epochs();
        long steps = (micro + config.optimizer().gradAccum() - 1)
                / config.optimizer().gradAccum();
        return config.maxSteps() == null ? steps : Math.min(steps, config.maxSteps());
    }

    /** Runs to the end (or resumes and then runs to the end). */
    public Result run() throws Exception {
        OptimizerConfig opt = config.optimizer();
        long total = totalSteps();
        LearningRateSchedule schedule = new LearningRateSchedule(
                LearningRateSchedule.Kind.parse(opt.schedule()), opt.warmupSteps(), total, opt.restarts());
        TrainingLoop.Plan plan = new TrainingLoop.Plan(
                "causal-lm",
                total,
                schedule::factor,
                config.checkpointEvery(),
                seed,
                train.corpus().fingerprint(),
                checkpointDir);
        TrainingLoop.Outcome outcome = new TrainingLoop(model, opt, plan, progress, log, cancelled, listener)
                .run(this::trainStep, (step, loss, lr) -> afterStep(step, loss, lr, total), step -> {});
        double evalLoss = eval == null ? Double.NaN : Double.isNaN(finalEvalLoss) ? heldOutLoss() : finalEvalLoss;
        if (eval != null) {
            log.accept(String.format(
                    "causal-lm: final held-out loss %.4f (perplexity %.2f) over %d windows",
                    evalLoss, Math.exp(evalLoss), eval.indices().length));
        }
        return new Result(outcome.steps(), outcome.lastLoss(), evalLoss, outcome.resumedFrom());
    }

    /**
     * Records step {@code step}'s metrics (with the held-out loss every {@code eval_every} steps and
     * at the end) and publishes the kept checkpoints it reached, before the step's crash-resume checkpoint.
     */
    private void afterStep(long step, double loss, double lr, long total) throws Exception {
        KeepSchedule.Position before = position.step() == step - 1 ? position : positionAfter(step - 1);
        position = advance(before);
        Map<String, Double> row = org.babylab.plugins.llama.preference.StepMetrics.row();
        row.put("tokens", (double) position.tokens());
        row.put("words", (double) position.words());
        row.put("epoch", (double) position.epochs());
        row.put("loss", loss);
        row.put("lr", lr);
        row.put("grad_norm", lastGradNorm);
        row.put("tokens_per_s", lastStepNanos <= 0 ? Double.NaN : lastStepTokens * 1e9 / lastStepNanos);
        boolean evalNow = eval != null && (step == total || config.evalEvery() > 0 && step % config.evalEvery() == 0);
        if (evalNow) {
            double heldOut = heldOutLoss();
            row.put("eval_loss", heldOut);
            if (step == total) {
                finalEvalLoss = heldOut;
            } else {
                log.accept(String.format("causal-lm: step %d held-out loss %.4f", step, heldOut));
            }
        }
        metrics.append(step, row);
        List<String> due = keepSchedule.due(before, position);
        if (!due.isEmpty()) {
            log.accept(String.format(
                    "causal-lm: step %d (%,d words, %,d tokens, %d epoch(s) done) reached kept checkpoint(s) %s",
                    step, position.words(), position.tokens(), position.epochs(), due));
            keeper.keep(due, position);
        }
    }

    /** Where training stands after {@code steps} optimiser steps, recounted from the start (after a resume). */
    KeepSchedule.Position positionAfter(long steps) {
        KeepSchedule.Position p = KeepSchedule.Position.START;
        while (p.step() < steps) {
            p = advance(p);
        }
        return p;
    }

    /** The position one optimiser step after {@code p}. */
    private KeepSchedule.Position advance(KeepSchedule.Position p) {
        int accum = config.optimizer().gradAccum();
        long tokens = p.tokens();
        long words = p.words();
        for (int a = 0; a < accum; a++) {
            for (int w : microBatch(p.step() * accum + a)) {
                tokens += train.corpus().seqLen();
                words += train.corpus().windowWords(w);
            }
        }
        long microDone = (p.step() + 1) * accum;
        int epochs = (int) Math.min(config.epochs(), microDone / microPerEpoch());
        return new KeepSchedule.Position(p.step() + 1, tokens, words, epochs);
    }

    /** The windows of global micro-batch {@code g}, or an empty array past the last epoch. */
    private int[] microBatch(long g) {
        long perEpoch = microPerEpoch();
        int epoch = (int) (g / perEpoch);
        if (epoch >= config.epochs()) {
            return new int[0];
        }
        if (epoch != cachedEpoch) {
            int[] perm = permutation(train.indices().length, new Random(seed * 0x9E3779B97F4A7C15L + epoch));
            cachedOrder = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                cachedOrder[i] = train.indices()[perm[i]];
            }
            cachedEpoch = epoch;
        }
        int b = config.optimizer().batchSize();
        int from = (int) (g % perEpoch) * b;
        return java.util.Arrays.copyOfRange(cachedOrder, from, Math.min(from + b, cachedOrder.length));
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private double trainStep(long step, AdamW adam, double lr) {
        int accum = config.optimizer().gradAccum();
        List<GradientStep.NextTokenBatch> micro = new ArrayList<>(accum);
        long tokens = 0;
        for (int a = 0; a < accum; a++) {
            int[] windows = microBatch(step * accum + a);
            if (windows.length > 0) {
                micro.add(sm -> idsAndTargets(sm, train.corpus(), windows));
                tokens += (long) windows.length * train.corpus().seqLen();
            }
        }
        long started = System.nanoTime();
        GradientStep.Measured m = GradientStep.runNextToken(model, adam, config.optimizer(), micro, tokens, lr);
        lastStepNanos = System.nanoTime() - started;
        lastStepTokens = tokens;
        lastGradNorm = m.gradNorm();
        return m.loss();
    }

    /** Sum of token negative log-likelihoods of {@code windows}, as a scalar attached to {@code sm}. */
    private NDArray nllSum(NDManager sm, PackedCorpus corpus, int[] windows) {
        NDArray[] xy = idsAndTargets(sm, corpus, windows);
        return model.logits(sm, xy[0])
                .logSoftmax(-1)
                .gather(xy[1].expandDims(2), 2)
                .sum()
                .neg();
    }

    /** Input ids and next-token targets ({@code [windows, seqLen]} int64 each) of {@code windows}. */
    private static NDArray[] idsAndTargets(NDManager sm, PackedCorpus corpus, int[] windows) {
        int seqLen = corpus.seqLen();
        long[] in = new long[windows.length * seqLen];
        long[] tg = new long[windows.length * seqLen];
        for (int i = 0; i < windows.length; i++) {
            corpus.window(windows[i], in, tg, i * seqLen);
        }
        return new NDArray[] {
            sm.create(in, new Shape(windows.length, seqLen)), sm.create(tg, new Shape(windows.length, seqLen))
        };
    }

    /** Mean token negative log-likelihood over the held-out windows. */
    public double heldOutLoss() {
        if (eval == null) {
            return Double.NaN;
        }
        int b = config.optimizer().batchSize();
        double sum = 0;
        long tokens = 0;
        int[] idx = eval.indices();
        for (int from = 0; from < idx.length; from += b) {
            int[] windows = java.util.Arrays.copyOfRange(idx, from, Math.min(from + b, idx.length));
            try (NDScope scope = new NDScope();
                    NDManager sm = model.manager().newSubManager()) {
                scope.suppressNotUsedWarning();
                sum += nllSum(sm, eval.corpus(), windows).getFloat();
            }
            tokens += (long) windows.length * eval.corpus().seqLen();
        }
        return sum / tokens;
    }
}
