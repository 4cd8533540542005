package org.babylab.plugins.llama.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.babylab.api.model.Generation;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.preference.PreferenceExamples;
import org.babylab.plugins.llama.preference.StepMetrics;
import org.babylab.plugins.llama.train.AdamW;
import org.babylab.plugins.llama.train.Autograd;
import org.babylab.plugins.llama.train.GradientStep;
import org.babylab.plugins.llama.train.TrainingCheckpoint;
import org.babylab.plugins.llama.train.TrainingLoop;

/**
 * PPO for a LLaMA policy as TRL 0.8.6's {@code PPOTrainer.step} does it. Each batch: sample a
 * response to every prompt with the policy; score the responses with the reward; run policy (with
 * its {@link ValueHead}) and the frozen reference over prompt + response for the old log-probs,
 * values and reference log-probs; per-token rewards with the KL penalty of an
 * {@link AdaptiveKlController}; GAE advantages, whitened; then {@code ppo_epochs} passes over
 * shuffled mini-batches, each one Adam update of the clipped policy loss plus {@code vf_coef}
 * times the clipped value loss (a mini-batch whose mean ratio exceeds {@code ratio_threshold}
 * contributes nothing); last, the KL controller's update.
 *
 * <p>Everything random (prompt order, sampling, mini-batch order) is a function of the seed and
 * the batch index, so a run resumes exactly from a checkpoint: the policy and the optimiser's
 * moments (those of the value head included) in {@link TrainingCheckpoint}, the value head and the
 * KL coefficient in a {@code ppo-state-<batch>.bin} written just before it. Per-batch metrics
 * ({@code env/reward_mean}, {@code objective/kl}, {@code objective/kl_coef}, {@code objective/entropy},
 * {@code ppo/policy/entropy}, {@code ppo/policy/clipfrac}, {@code ppo/loss/value}, ...) go to a
 * {@link StepMetrics}. Not thread-safe; one instance per run.
 */
public final class PpoTrainer {
    private final LlamaModel policy;
    private final LanguageModel reference;
    private final Reward reward;
    private final Prompts prompts;
    private final PpoConfig config;
    private final long seed;
    private final Path checkpointDir;
    private final ProgressReporter progress;
    private final Consumer<String> log;
    private final BooleanSupplier cancelled;
    private final TrainingLoop.StepListener listener;
    private final List<int[]> batches;
    private final List<int[]> queries;
    private final String fingerprint;
    private final StepMetrics metrics;
    private final AdaptiveKlController kl;

    public PpoTrainer(
            LlamaModel policy,
            LanguageModel reference,
            Reward reward,
            Prompts prompts,
            PpoConfig config,
            long seed,
            Path checkpointDir,
            ProgressReporter progress,
            Consumer<String> log,
            BooleanSupplier cancelled,
            TrainingLoop.StepListener listener) {
        this.policy = policy;
        this.reference = reference;
        this.reward = reward;
        this.prompts = prompts;
        this.config = config;
        this.seed = seed;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
        this.log = log;
        this.cancelled = cancelled;
        this.listener = listener;
        if (prompts.size() < config.batchSize()) {
            throw new IllegalArgumentException(
                    "ppo: the data has " + prompts.size() + " prompts, fewer than batch_size " + config.batchSize()
                            + "; lower batch_size (TRL drops incomplete batches)");
        }
        this.queries = new ArrayList<>();
        for (String p : prompts.texts()) {
            queries.add(PreferenceExamples.prompt(policy.tokenizer(), p));
        }
        this.batches = schedule(prompts.size(), config, seed);
        this.fingerprint = fingerprint();
        this.metrics = new StepMetrics(checkpointDir, "ppo-metrics.jsonl");
        this.kl = new AdaptiveKlController(config.initKlCoef(), config.target(), config.horizon(), config.adaptiveKl());
    }

    /** The prompt indices of every batch: each epoch a seeded permutation cut into full batches. */
    static List<int[]> schedule(int n, PpoConfig config, long seed) {
        List<int[]> out = new ArrayList<>();
        for (int e = 0; e < config.epochs(); e++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed * 31 + e));
            for (int from = 0; from + config.batchSize() <= n; from += config.batchSize()) {
                out.add(order.subList(from, from + config.batchSize()).stream()
                        .mapToInt(Integer::intValue)
                        .toArray());
                if (config.maxSteps() != null && out.size() == config.maxSteps()) {
                    return out;
                }
            }
        }
        return out;
    }

    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < queries.size(); i++) {
            sb.append(java.util.Arrays.toString(queries.get(i)))
                    .append(prompts.references().get(i))
                    .append('\n');
        }
        return Integer.toHexString(sb.toString().hashCode()) + "-" + queries.size() + "-" + batches.size();
    }

    /** PPO batches of the run. */
    public int steps() {
        return batches.size();
    }

    public StepMetrics metrics() {
        return metrics;
    }

    private int updatesPerBatch() {
        return config.ppoEpochs() * (config.batchSize() / config.miniBatchSize());
    }

    /** Runs (or resumes and runs) every batch; returns the number of batches trained in all. */
    public long run() throws Exception {
        Map<String, NDArray> params = new LinkedHashMap<>(policy.parameters());
        ValueHead head = new ValueHead(policy.manager(), policy.architecture().hiddenSize(), seed ^ 0x5DEECE66DL);
        params.put(ValueHead.WEIGHT, head.weight);
        params.put(ValueHead.BIAS, head.bias);
        Set<String> noDecay =
                params.keySet().stream().filter(LlamaArchitecture::isNormWeight).collect(Collectors.toSet());
        params.values().forEach(p -> p.setRequiresGradient(true));
        long total = batches.size();
        try (Autograd.Scope noGrad = Autograd.noGrad();
                AdamW adam = new AdamW(policy.manager(), params, noDecay, 0.9, 0.999, 1e-8, 0.0)) {
            TrainingCheckpoint.State restored =
                    TrainingCheckpoint.restore(checkpointDir, policy, adam, seed, fingerprint);
            long step = 0;
            if (restored != null) {
                step = restored.step();
                // The checkpoint counts batches; Adam's bias correction counts updates.
                adam.restoreSteps(step * updatesPerBatch());
                kl.restore(head.load(stateFile(step), step));
                log.accept("ppo: resumed from step " + step + " of " + total);
            }
            progress.start("ppo", "batches", total);
            progress.advance(step);
            double loss = restored == null ? Double.NaN : restored.lastLoss();
            while (step < total) {
                if (cancelled.getAsBoolean()) {
                    checkpoint(adam, head, step, loss);
                    throw new CancellationException("ppo cancelled at batch " + step + " of " + total
                            + "; checkpoint written, it resumes from there");
                }
                loss = trainBatch(step, adam, head, params);
                step++;
                progress.advance(1);
                listener.afterStep(step, loss);
                if (step % config.checkpointEvery() == 0 && step < total) {
                    checkpoint(adam, head, step, loss);
                }
            }
            return step;
        } finally {
            params.values().forEach(p -> p.setRequiresGradient(false));
        }
    }

    private Path stateFile(long step) {
        return checkpointDir.resolve("ppo-state-" + step + ".bin");
    }

    private void checkpoint(AdamW adam, ValueHead head, long step, double loss) throws IOException {
        head.save(stateFile(step), step, kl.value());
        TrainingCheckpoint.write(
                checkpointDir, policy, adam, new TrainingCheckpoint.State(step, seed, fingerprint, loss));
        try (var files = Files.list(checkpointDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("ppo-state-") && name.endsWith(".bin") && !f.equals(stateFile(step))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** What the rollout of one batch computed, per sample and response token. */
    private record Rollout(
            List<int[]> queries,
            List<int[]> responses,
            double[] scores,
            double[][] logprobs,
            double[][] values,
            double[][] advantages,
            double[][] returns) {}

    private double trainBatch(long step, AdamW adam, ValueHead head, Map<String, NDArray> params) throws Exception {
        int[] batch = batches.get(Math.toIntExact(step));
        int b = batch.length;
        List<int[]> q = new ArrayList<>();
        for (int i : batch) {
            q.add(queries.get(i));
        }
        List<Generation> gens = policy.generate(q, config.generation(seed * 1_000_003L + step));
        List<int[]> responses = gens.stream().map(Generation::tokens).toList();
        List<RewardRequest> requests = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            requests.add(new RewardRequest(
                    prompts.texts().get(batch[k]),
                    gens.get(k).text(),
                    prompts.references().get(batch[k])));
        }
        double[] scores = reward.score(requests, policy);
        if (scores.length != b) {
            throw new IllegalStateException("the reward returned " + scores.length + " scores for " + b + " responses");
        }
        double[][][] old = policyPass(q, responses, head);
        double[][] logprobs = old[0];
        double[][] values = old[1];
        double[][] refLogprobs = referenceLogprobs(q, responses);
        double[][] rewards = Advantages.rewards(scores, logprobs, refLogprobs, kl.value());
        double[][][] gae = Advantages.gae(rewards, values, config.gamma(), config.lam());
        double[][] advantages = Advantages.whiten(gae[0]);
        Rollout r = new Rollout(q, responses, scores, logprobs, values, advantages, gae[1]);

        double[] sums = new double[7]; // policy loss, value loss, total, clipfrac, approxkl, entropy, updates
        int mb = config.miniBatchSize();
        for (int e = 0; e < config.ppoEpochs(); e++) {
            List<Integer> perm = new ArrayList<>();
            for (int k = 0; k < b; k++) {
                perm.add(k);
            }
            Collections.shuffle(perm, new Random(seed * 7919 + step * 131 + e));
            for (int from = 0; from < b; from += mb) {
                update(r, perm.subList(from, from + mb), adam, head, params, sums);
            }
        }
        double meanKl = 0;
        double meanNonScore = 0;
        double meanEntropy = 0;
        double meanLength = 0;
        for (int k = 0; k < b; k++) {
            for (int t = 0; t < logprobs[k].length; t++) {
                meanKl += logprobs[k][t] - refLogprobs[k][t];
                meanNonScore += -kl.value() * (logprobs[k][t] - refLogprobs[k][t]);
                meanEntropy += -logprobs[k][t];
            }
            meanLength += responses.get(k).length;
        }
        meanKl /= b;
        meanNonScore /= b;
        meanEntropy /= b;
        meanLength /= b;
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= b;
        double var = 0;
        for (double s : scores) {
            var += (s - mean) * (s - mean);
        }
        double updates = sums[6];
        Map<String, Double> row = StepMetrics.row();
        row.put("env/reward_mean", mean);
        row.put("env/reward_std", Math.sqrt(var / Math.max(1, b - 1)));
        row.put("objective/kl", meanKl);
        row.put("objective/kl_coef", kl.value());
        row.put("objective/entropy", meanEntropy);
        row.put("ppo/mean_non_score_reward", meanNonScore);
        row.put("ppo/policy/entropy", sums[5] / updates);
        row.put("ppo/policy/clipfrac", sums[3] / updates);
        row.put("ppo/policy/approxkl", sums[4] / updates);
        row.put("ppo/loss/policy", sums[0] / updates);
        row.put("ppo/loss/value", sums[1] / updates);
        row.put("ppo/loss/total", sums[2] / updates);
        row.put("response_length", meanLength);
        row.put("lr", config.lr());
        metrics.append(step + 1, row);
        kl.update(meanKl, b);
        progress.status(String.format("reward %.3f kl %.3f", mean, meanKl));
        long every = Math.max(1, Math.min(50, batches.size() / 20));
        if ((step + 1) % every == 0) {
            log.accept(String.format(
                    "ppo: step %d/%d reward_mean %.4f kl %.4f kl_coef %.4f value_loss %.4f clipfrac %.3f",
                    step + 1,
                    batches.size(),
                    mean,
                    meanKl,
                    row.get("objective/kl_coef"),
                    sums[1] / updates,
                    sums[3] / updates));
        }
        return sums[2] / updates;
    }

    /** Right-padded prompt + response ids and, per sample, the positions that predict its response tokens. */
    private record Layout(int rows, int length, long[] ids, long[] targets, int[][] positions) {
        static Layout of(List<int[]> queries, List<int[]> responses) {
            int n = queries.size();
            int t = 0;
            for (int i = 0; i < n; i++) {
                t = Math.max(t, queries.get(i).length + responses.get(i).length);
            }
            long[] ids = new long[n * t];
            long[] targets = new long[n * t];
            int[][] positions = new int[n][];
            for (int i = 0; i < n; i++) {
                int[] qi = queries.get(i);
                int[] ri = responses.get(i);
                int len = qi.length + ri.length;
                for (int j = 0; j < len; j++) {
                    ids[i * t + j] = j < qi.length ? qi[j] : ri[j - qi.length];
                    if (j + 1 < len) {
                        targets[i * t + j] = j + 1 < qi.length ? qi[j + 1] : ri[j + 1 - qi.length];
                    }
                }
                positions[i] = new int[ri.length];
                for (int j = 0; j < ri.length; j++) {
                    positions[i][j] = qi.length + j - 1;
                }
            }
            return new Layout(n, t, ids, targets, positions);
        }

        /** {@code [rows, length]} with {@code perToken[i][j]} at sample i's j-th response position, 0 elsewhere. */
        float[] spread(double[][] perToken) {
            float[] out = new float[rows * length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < positions[i].length; j++) {
                    out[i * length + positions[i][j]] = (float) perToken[i][j];
                }
            }
            return out;
        }

        double[][] gather(float[] flat) {
            double[][] out = new double[rows][];
            for (int i = 0; i < rows; i++) {
                out[i] = new double[positions[i].length];
                for (int j = 0; j < positions[i].length; j++) {
                    out[i][j] = flat[i * length + positions[i][j]];
                }
            }
            return out;
        }

        float[] mask() {
            double[][] ones = new double[rows][];
            for (int i = 0; i < rows; i++) {
                ones[i] = new double[positions[i].length];
                java.util.Arrays.fill(ones[i], 1.0);
            }
            return spread(ones);
        }
    }

    /** Old log-probs and values of the responses under the policy (no autograd: grad mode is off here). */
    private double[][][] policyPass(List<int[]> q, List<int[]> responses, ValueHead head) {
        Layout l = Layout.of(q, responses);
        try (NDScope scope = new NDScope();
                NDManager sm = policy.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray x = sm.create(l.ids(), new Shape(l.rows(), l.length()));
            NDArray y = sm.create(l.targets(), new Shape(l.rows(), l.length(), 1));
            NDArray hidden = policy.hidden(sm, x);
            NDArray lp = policy.head(hidden).logSoftmax(-1).gather(y, 2).reshape(l.rows(), l.length());
            NDArray v = head.values(hidden);
            return new double[][][] {l.gather(lp.toFloatArray()), l.gather(v.toFloatArray())};
        }
    }

    private double[][] referenceLogprobs(List<int[]> q, List<int[]> responses) {
        List<int[]> seqs = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            int[] s = java.util.Arrays.copyOf(q.get(i), q.get(i).length + responses.get(i).length);
            System.arraycopy(responses.get(i), 0, s, q.get(i).length, responses.get(i).length);
            seqs.add(s);
        }
        List<double[]> lps = reference.logProbs(seqs);
        double[][] out = new double[q.size()][];
        for (int i = 0; i < q.size(); i++) {
            int ql = q.get(i).length;
            out[i] = java.util.Arrays.copyOfRange(lps.get(i), ql, ql + responses.get(i).length);
        }
        return out;
    }

    /** One Adam update on mini-batch {@code idx} of the rollout. */
    private void update(
            Rollout r, List<Integer> idx, AdamW adam, ValueHead head, Map<String, NDArray> params, double[] sums) {
        List<int[]> q = new ArrayList<>();
        List<int[]> resp = new ArrayList<>();
        double[][] oldLp = new double[idx.size()][];
        double[][] oldV = new double[idx.size()][];
        double[][] adv = new double[idx.size()][];
        double[][] ret = new double[idx.size()][];
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            q.add(r.queries().get(i));
            resp.add(r.responses().get(i));
            oldLp[k] = r.logprobs()[i];
            oldV[k] = r.values()[i];
            adv[k] = r.advantages()[i];
            ret[k] = r.returns()[i];
        }
        Layout l = Layout.of(q, resp);
        Shape bt = new Shape(l.rows(), l.length());
        double[] stats = new double[5];
        try (NDScope scope = new NDScope();
                NDManager sm = policy.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            double value = GradientStep.backward(
                    sm,
                    List.of(m -> {
                        NDArray x = m.create(l.ids(), bt);
                        NDArray y = m.create(l.targets(), new Shape(l.rows(), l.length(), 1));
                        NDArray mask = m.create(FloatBuffer.wrap(l.mask()), bt);
                        NDArray old = m.create(FloatBuffer.wrap(l.spread(oldLp)), bt);
                        NDArray values = m.create(FloatBuffer.wrap(l.spread(oldV)), bt);
                        NDArray advantages = m.create(FloatBuffer.wrap(l.spread(adv)), bt);
                        NDArray returns = m.create(FloatBuffer.wrap(l.spread(ret)), bt);
                        NDArray tokens = mask.sum();
                        NDArray hidden = policy.hidden(m, x);
                        NDArray logits = policy.head(hidden);
                        NDArray logSoft = logits.logSoftmax(-1);
                        NDArray lp = logSoft.gather(y, 2).reshape(l.rows(), l.length());
                        NDArray vpred = head.values(hidden);
                        NDArray vclipped =
                                values.add(vpred.sub(values).clip(-config.cliprangeValue(), config.cliprangeValue()));
                        NDArray vf1 = vpred.sub(returns).square();
                        NDArray vf2 = vclipped.sub(returns).square();
                        NDArray vfLoss =
                                vf1.maximum(vf2).mul(mask).sum().div(tokens).mul(m.create(0.5f));
                        NDArray ratio = lp.sub(old).exp();
                        NDArray pg1 = advantages.neg().mul(ratio);
                        NDArray pg2 = advantages.neg().mul(ratio.clip(1 - config.cliprange(), 1 + config.cliprange()));
                        NDArray pgLoss = pg1.maximum(pg2).mul(mask).sum().div(tokens);
                        NDArray loss = pgLoss.add(vfLoss.mul(m.create((float) (double) config.vfCoef())));
                        float tok = tokens.getFloat();
                        float avgRatio = ratio.mul(mask).sum().getFloat() / tok;
                        stats[0] = pgLoss.getFloat();
                        stats[1] = vfLoss.getFloat();
                        stats[2] = pg2.gt(pg1)
                                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                        .mul(mask)
                                        .sum()
                                        .getFloat()
                                / tok;
                        stats[3] = 0.5 * lp.sub(old).square().mul(mask).sum().getFloat() / tok;
                        // entropy = logsumexp(logits) - sum(p * logits) = -sum(p * log p)
                        stats[4] = logSoft.exp()
                                        .mul(logSoft)
                                        .sum(new int[] {-1})
                                        .neg()
                                        .mul(mask)
                                        .sum()
                                        .getFloat()
                                / tok;
                        // TRL skips a mini-batch whose policy moved too far (mean ratio above ratio_threshold).
                        return avgRatio > config.ratioThreshold() ? loss.mul(m.create(0f)) : loss;
                    }),
                    1.0);
            GradientStep.clipAndUpdate(sm, params, adam, config.gradClip(), config.lr());
            sums[0] += stats[0];
            sums[1] += stats[1];
            sums[2] += value;
            sums[3] += stats[2];
            sums[4] += stats[3];
            sums[5] += stats[4];
            sums[6] += 1;
        }
    }
}
